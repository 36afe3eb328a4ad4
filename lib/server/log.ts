// Structured server log: one JSON line per event on stderr, filtered by LOG_LEVEL.
import "server-only";
import { env, LOG_LEVELS, type LogLevel } from "@/lib/env";

type Fields = Record<string, unknown>;

const threshold = LOG_LEVELS.indexOf(env.LOG_LEVEL);

/** An error as log fields: name, message, stack and cause chain (logs are for operators, never for responses). */
export function errorFields(error: unknown, depth = 0): Fields {
  if (!(error instanceof Error)) return { value: String(error) };
  const fields: Fields = { name: error.name, message: error.message, stack: error.stack };
  if (error.cause !== undefined && depth < 5) fields.cause = errorFields(error.cause, depth + 1);
  return fields;
}

function write(level: Exclude<LogLevel, "silent">, message: string, fields: Fields = {}): void {
  if (LOG_LEVELS.indexOf(level) < threshold) return;
  console.error(JSON.stringify({ time: new Date().toISOString(), level, message, ...fields }));
}

export const log = {
  debug: (message: string, fields?: Fields) => write("debug", message, fields),
  info: (message: string, fields?: Fields) => write("info", message, fields),
  warn: (message: string, fields?: Fields) => write("warn", message, fields),
  error: (message: string, fields?: Fields) => write("error", message, fields),
};
