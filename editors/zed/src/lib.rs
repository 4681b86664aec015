//! The artlint extension for Zed. Zed starts only the language servers that an extension
//! registers, so this one registers `artlint server` (LSP over standard input and output) for
//! the languages extension.toml names. artlint itself is not bundled: it is a Python program
//! the user installs, found on the worktree's `PATH` or named in Zed's settings under
//! `lsp.artlint.binary`.

use zed_extension_api::{
    self as zed,
    serde_json::Value,
    settings::{CommandSettings, LspSettings},
    EnvVars, LanguageServerId, Result,
};

/// The language server's key in extension.toml and in Zed's `lsp` settings.
const SERVER: &str = "artlint";
/// The console script that `pip install` puts on the `PATH`.
const PROGRAM: &str = "artlint";
/// The subcommand that runs the language server.
const SERVER_ARGS: [&str; 1] = ["server"];

struct ArtlintExtension;

/// The command that starts the server: the user's `lsp.artlint.binary` where it says, else
/// `artlint server` as found on the worktree's `PATH`. The worktree's shell environment is
/// passed on so that an `artlint` from a virtual environment finds its interpreter; the
/// user's `binary.env` entries win over it.
fn server_command(
    binary: Option<CommandSettings>,
    on_path: Option<String>,
    shell_env: EnvVars,
) -> Result<zed::Command> {
    let (path, arguments, env) = match binary {
        Some(CommandSettings {
            path,
            arguments,
            env,
        }) => (path, arguments, env),
        None => (None, None, None),
    };
    let command = path.or(on_path).ok_or_else(|| {
        format!(
            "{PROGRAM} is not on the PATH: install it (pip install, from a clone of artlint) \
             or set lsp.{SERVER}.binary.path in Zed's settings"
        )
    })?;
    let args = arguments.unwrap_or_else(|| SERVER_ARGS.iter().map(|arg| arg.to_string()).collect());
    // Sorted, so that the same settings give the same command (a HashMap has no order).
    let mut overrides: EnvVars = env.unwrap_or_default().into_iter().collect();
    overrides.sort();
    Ok(zed::Command {
        command,
        args,
        env: merged_env(shell_env, overrides),
    })
}

/// `base` with each of `overrides` set, replacing an entry of the same name.
fn merged_env(base: EnvVars, overrides: EnvVars) -> EnvVars {
    let mut env = base;
    for (name, value) in overrides {
        env.retain(|(existing, _)| *existing != name);
        env.push((name, value));
    }
    env
}

/// The user's `lsp.artlint` settings, or none where Zed has none for this worktree.
fn user_settings(worktree: &zed::Worktree) -> Option<LspSettings> {
    LspSettings::for_worktree(SERVER, worktree).ok()
}

impl zed::Extension for ArtlintExtension {
    fn new() -> Self {
        ArtlintExtension
    }

    fn language_server_command(
        &mut self,
        _id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        let binary = user_settings(worktree).and_then(|settings| settings.binary);
        server_command(binary, worktree.which(PROGRAM), worktree.shell_env())
    }

    /// `lsp.artlint.initialization_options` ({"debounce": 0.2, "checkLinks": "cache"}) as the
    /// server's `initializationOptions`: Zed hands an extension's server only what it returns.
    fn language_server_initialization_options(
        &mut self,
        _id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<Value>> {
        Ok(user_settings(worktree).and_then(|settings| settings.initialization_options))
    }

    /// `lsp.artlint.settings`, sent again with `workspace/didChangeConfiguration` whenever the
    /// user edits them, so a changed setting applies without a restart.
    fn language_server_workspace_configuration(
        &mut self,
        _id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<Value>> {
        Ok(user_settings(worktree).and_then(|settings| settings.settings))
    }
}

zed::register_extension!(ArtlintExtension);

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(name: &str, value: &str) -> (String, String) {
        (name.to_string(), value.to_string())
    }

    #[test]
    fn artlint_on_the_path_starts_as_artlint_server_with_the_shell_environment() {
        let env = vec![pair("PATH", "/home/me/.venv/bin:/usr/bin")];
        let command =
            server_command(None, Some("/home/me/.venv/bin/artlint".into()), env.clone()).unwrap();
        assert_eq!(command.command, "/home/me/.venv/bin/artlint");
        assert_eq!(command.args, vec!["server".to_string()]);
        assert_eq!(command.env, env);
    }

    #[test]
    fn the_configured_binary_wins_over_the_path_and_its_env_over_the_shell() {
        let binary = CommandSettings {
            path: Some("/opt/artlint/bin/artlint".into()),
            arguments: Some(vec!["server".into()]),
            env: Some([pair("PATH", "/opt/artlint/bin")].into_iter().collect()),
        };
        let shell = vec![pair("PATH", "/usr/bin"), pair("HOME", "/home/me")];
        let command = server_command(Some(binary), Some("/usr/bin/artlint".into()), shell).unwrap();
        assert_eq!(command.command, "/opt/artlint/bin/artlint");
        assert_eq!(
            command.env,
            vec![pair("HOME", "/home/me"), pair("PATH", "/opt/artlint/bin")]
        );
    }

    #[test]
    fn a_configured_path_alone_still_runs_the_server_subcommand() {
        let binary = CommandSettings {
            path: Some("/opt/artlint".into()),
            arguments: None,
            env: None,
        };
        let command = server_command(Some(binary), None, Vec::new()).unwrap();
        assert_eq!(command.args, vec!["server".to_string()]);
    }

    #[test]
    fn without_artlint_the_error_says_how_to_get_it() {
        let error = server_command(None, None, Vec::new()).unwrap_err();
        assert!(error.contains("artlint is not on the PATH"), "{error}");
        assert!(error.contains("lsp.artlint.binary.path"), "{error}");
    }
}
