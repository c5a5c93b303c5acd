import type { Messages } from "./en";

/** Simplified Chinese. */
export const zhCN: Messages = {
  meta: {
    description: "与 OpenAI 及兼容模型私密对话。",
  },
  auth: {
    signInTitle: "登录 · Parley",
    signInHeading: "登录 Parley",
    setupTitle: "设置 Parley",
    setupHeading: "欢迎使用 Parley",
    setupIntro: "创建第一个账户，它将成为管理员。",
    name: "姓名",
    email: "邮箱",
    password: "密码",
    passwordHint: "至少 8 个字符。",
    signIn: "登录",
    signingIn: "正在登录…",
    createAccount: "创建账户",
    creatingAccount: "正在创建账户…",
  },
  chat: {},
  sidebar: {},
  settings: {},
  presets: {},
  errors: {},
};
