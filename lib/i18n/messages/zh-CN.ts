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
    throttled: "登录失败次数过多。请等待 15 分钟后再试。",
    incorrect: "邮箱或密码不正确。",
    alreadySetUp: "Parley 已完成设置。请使用你的账户登录。",
    setupCode: "设置码",
    setupCodeHint: "部署 Parley 的人设置的代码（SetupCode 密钥）。",
    setupCodeWrong: "设置码不正确。请向部署 Parley 的人索取。",
    setupCodeThrottled: "错误的设置码次数过多。请等待 15 分钟后再试。",
    setupFromCli: "此 Parley 尚未设置。管理员需在命令行创建第一个账户（npm run user -- add … --admin），之后你即可登录。",
  },
  chat: {},
  sidebar: {},
  settings: {},
  presets: {},
  errors: {},
};
