// artlint for VS Code: starts `artlint server` (the language server over stdio) for Markdown and
// plain-text files. Diagnostics, quick fixes, "fix all" and rule help on hover all come from it.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function serverOptions() {
  const command = vscode.workspace.getConfiguration("artlint").get("path") || "artlint";
  return { command, args: ["server"], transport: TransportKind.stdio };
}

function settings() {
  const config = vscode.workspace.getConfiguration("artlint");
  return { debounce: config.get("debounce"), checkLinks: config.get("checkLinks") };
}

async function start() {
  client = new LanguageClient("artlint", "artlint", serverOptions(), {
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "file", language: "plaintext" },
      { scheme: "untitled", language: "markdown" },
    ],
    initializationOptions: settings(),
    synchronize: { configurationSection: "artlint" },
  });
  await client.start();
}

async function activate(context) {
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration(async (event) => {
    if (event.affectsConfiguration("artlint.path") && client) {
      await client.stop();  // another command: start it again
      await start();
    }
  }));
  await start();
}

async function deactivate() {
  if (client) {
    await client.stop();
  }
}

module.exports = { activate, deactivate };
