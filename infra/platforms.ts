/**
 * The one place the program maps the `webtier:cloud` key to an implementation of the component
 * layer: the platforms registered with their profiles in infra/clouds.ts.
 */
export { CLOUD_PLATFORMS as PLATFORMS } from "./clouds";
