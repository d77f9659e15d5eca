// The sandbox's own Feishu app identity and keys: the page signs and encrypts its pushes with them, and the
// embedded stand-in accepts only this app. They protect nothing real (the sandbox listens on 127.0.0.1).
export const SANDBOX_SECRETS = {
  // The shape of a real App ID (cli_ + 16 hex digits): the long-connection client takes no other.
  appId: 'cli_5a4db0c0de5a4db0',
  appSecret: 'sandbox-app-secret',
  encryptKey: 'sandbox-encrypt-key-0123456789',
  verificationToken: 'sandbox-verification-token',
  botOpenId: 'ou_sandbox_bot_0000',
};
