//! The artlint extension for Zed. Zed starts only the language servers that an extension
//! registers, so this one registers `artlint server` (LSP over standard input and output) for
//! the languages extension.toml names. artlint itself is not bundled: it is a Python program
//! the user installs, found on the worktree's `PATH`. (A command set under
//! `lsp.artlint.binary.path` in Zed's settings is started by Zed without asking the extension.)

use zed_extension_api::{
    self as zed, serde_json::Value, settings::LspSettings, EnvVars, LanguageServerId, Result,
};

/// The language server's key in extension.toml and in Zed's `lsp` settings.
const SERVER: &str = "artlint";
/// The console script that `pip install` puts on the `PATH`.
const PROGRAM: &str = "artlint";
/// The subcommand that runs the language server.
const SERVER_ARGS: [&str; 1] = ["server"];

struct ArtlintExtension;

/// `artlint server`, with the `artlint` found on the worktree's `PATH` and the worktree's
/// shell environment (so that an `artlint` from a virtual environment finds its interpreter).
fn server_command(on_path: Option<String>, shell_env: EnvVars) -> Result<zed::Command> {
    let command = on_path.ok_or_else(|| {
        format!(
            "{PROGRAM} is not on the PATH: install it (pip install, from a clone of artlint), or \
             set lsp.{SERVER}.binary to {{\"path\": \"/path/to/artlint\", \"arguments\": [\"server\"]}} \
             in Zed's settings"
        )
    })?;
    Ok(zed::Command {
        command,
        args: SERVER_ARGS.iter().map(|arg| arg.to_string()).collect(),
        env: shell_env,
    })
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
        server_command(worktree.which(PROGRAM), worktree.shell_env())
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

    #[test]
    fn artlint_on_the_path_starts_as_artlint_server_with_the_shell_environment() {
        let env = vec![(
            "PATH".to_string(),
            "/home/me/.venv/bin:/usr/bin".to_string(),
        )];
        let found = Some("/home/me/.venv/bin/artlint".to_string());
        let command = server_command(found, env.clone()).unwrap();
        assert_eq!(command.command, "/home/me/.venv/bin/artlint");
        assert_eq!(command.args, vec!["server".to_string()]);
        assert_eq!(command.env, env);
    }

    #[test]
    fn without_artlint_the_error_says_how_to_install_or_name_it() {
        let error = server_command(None, Vec::new()).unwrap_err();
        assert!(
            error.starts_with("artlint is not on the PATH: install it"),
            "{error}"
        );
        assert!(
            error.contains(
                r#"lsp.artlint.binary to {"path": "/path/to/artlint", "arguments": ["server"]}"#
            ),
            "{error}"
        );
    }
}
