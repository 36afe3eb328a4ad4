// Where `dsp login` keeps the token and how: the user's config dir, the directory 0700 and the file 0600, with
// DSP_URL and DSP_TOKEN overriding it.
import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configPath, readConfig, removeConfig, resolveCredentials, writeConfig } from "@/cli/config";
import { CliError } from "@/cli/exit-codes";

const mode = (path: string) => statSync(path).mode & 0o777;

describe("the dsp configuration file", () => {
  it("lives under XDG_CONFIG_HOME, else ~/.config", () => {
    expect(configPath({ XDG_CONFIG_HOME: "/x/cfg", HOME: "/home/mo" })).toBe("/x/cfg/datastore-portal/config.json");
    expect(configPath({ HOME: "/home/mo" })).toBe("/home/mo/.config/datastore-portal/config.json");
    // A relative XDG_CONFIG_HOME is invalid by the spec: ignored.
    expect(configPath({ XDG_CONFIG_HOME: "cfg", HOME: "/home/mo" })).toBe("/home/mo/.config/datastore-portal/config.json");
  });

  it("is written readable by its owner only (file 0600, directory 0700), also over a looser file", () => {
    const home = mkdtempSync(join(tmpdir(), "dsp-config-"));
    const env = { XDG_CONFIG_HOME: home };
    const path = writeConfig(env, { url: "https://portal.example.com", token: "dsp_secret" });
    expect(mode(path)).toBe(0o600);
    expect(mode(join(home, "datastore-portal"))).toBe(0o700);
    expect(readConfig(env)).toEqual({ url: "https://portal.example.com", token: "dsp_secret" });

    chmodSync(path, 0o644);
    chmodSync(join(home, "datastore-portal"), 0o755);
    writeConfig(env, { url: "https://portal.example.com", token: "dsp_other" });
    expect(mode(path)).toBe(0o600);
    expect(mode(join(home, "datastore-portal"))).toBe(0o700);
    expect(readConfig(env)?.token).toBe("dsp_other");

    expect(removeConfig(env)).toBe(true);
    expect(readConfig(env)).toBeNull();
    expect(removeConfig(env)).toBe(false);
  });

  it("lets DSP_URL and DSP_TOKEN override what is stored, each on its own", () => {
    const home = mkdtempSync(join(tmpdir(), "dsp-config-"));
    writeConfig({ XDG_CONFIG_HOME: home }, { url: "https://stored.example.com", token: "dsp_stored" });
    expect(resolveCredentials({ XDG_CONFIG_HOME: home })).toMatchObject({ url: "https://stored.example.com", token: "dsp_stored" });
    expect(resolveCredentials({ XDG_CONFIG_HOME: home, DSP_TOKEN: "dsp_env" })).toMatchObject({
      url: "https://stored.example.com",
      token: "dsp_env",
      source: { url: "config", token: "env" },
    });
    expect(resolveCredentials({ XDG_CONFIG_HOME: "/nonexistent", DSP_URL: "http://x", DSP_TOKEN: "t" })).toMatchObject({ url: "http://x", token: "t" });
  });

  it("is a usage error without a login, and a failure for a file that is not a configuration", () => {
    const home = mkdtempSync(join(tmpdir(), "dsp-config-"));
    expect(() => resolveCredentials({ XDG_CONFIG_HOME: home })).toThrow(/dsp login/);
    mkdirSync(join(home, "datastore-portal"));
    writeFileSync(join(home, "datastore-portal", "config.json"), "{not json");
    try {
      readConfig({ XDG_CONFIG_HOME: home });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).code).toBe(1);
      expect((error as CliError).message).toContain("run dsp login again");
    }
  });
});
