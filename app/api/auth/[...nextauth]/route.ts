import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/auth-options";

// Built per request so a build without configuration never constructs it.
function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(getAuthOptions())(request, context);
}

export { handler as GET, handler as POST };
