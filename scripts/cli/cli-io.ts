/** A failure the person running the CLI can fix; printed as one line, exit status 1. */
export class CliError extends Error {}

export type TCliOutput = { line: (text: string) => void; json: (value: unknown) => void; raw: (text: string) => void };

export const stdoutOutput: TCliOutput = {
  line: (text) => process.stdout.write(`${text}\n`),
  json: (value) => process.stdout.write(`${JSON.stringify(value)}\n`),
  raw: (text) => process.stdout.write(text),
};
