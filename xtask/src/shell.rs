//! Running the project's tools: its root folder, the PATH with the tools installed for this
//! checkout first, and commands that print what they run.

use std::env;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

pub type Result<T = (), E = String> = std::result::Result<T, E>;

/// The project's root folder.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

/// Where tools installed for this checkout live (kept out of git with `target/`).
pub fn tools_dir() -> PathBuf {
    root().join("target/tools")
}

/// Announces a step, so that a long run says what it is doing.
pub fn step(message: &str) {
    println!("\n==> {message}");
}

pub fn write_file(path: &Path, text: &str) -> Result {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Runs programs with the locally installed tools first on their PATH. Each command gets
/// its own environment: nothing here changes this process's.
#[derive(Clone)]
pub struct Shell {
    path: OsString,
}

impl Shell {
    pub fn new() -> Shell {
        let mut paths = vec![tools_dir().join("node_modules/.bin"), home_cargo_bin()];
        paths.extend(env::split_paths(&env::var_os("PATH").unwrap_or_default()));
        Shell {
            path: env::join_paths(paths).expect("PATH entries are valid"),
        }
    }

    /// A command for `program`, run in the project root with this PATH.
    pub fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command.current_dir(root()).env("PATH", &self.path);
        command
    }

    /// Runs a command, failing with a message if it fails.
    pub fn run(&self, program: &str, args: &[&str]) -> Result {
        self.run_with(program, args, &[])
    }

    /// Runs a command with some environment variables set for it alone.
    pub fn run_with(&self, program: &str, args: &[&str], vars: &[(&str, &str)]) -> Result {
        println!("$ {program} {}", args.join(" "));
        let status = self
            .command(program)
            .args(args)
            .envs(vars.iter().copied())
            .status()
            .map_err(|e| format!("cannot run {program}: {e}"))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("`{program} {}` failed ({status})", args.join(" ")))
        }
    }

    /// A command's standard output, if it runs and succeeds.
    pub fn output(&self, program: &str, args: &[&str]) -> Option<String> {
        let out = self.command(program).args(args).output().ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// A tool's `--version` line, or a note that it is unknown.
    pub fn version(&self, program: &str) -> String {
        self.output(program, &["--version"])
            .map(|v| v.trim().to_owned())
            .unwrap_or_else(|| format!("{program}: unknown"))
    }
}

fn home_cargo_bin() -> PathBuf {
    env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from("/root/.cargo"))
        .join("bin")
}
