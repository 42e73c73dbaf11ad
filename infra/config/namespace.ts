/** The config namespace of every webtier key (`webtier:cloud`): the project's name. */
export const NAMESPACE = "webtier";
