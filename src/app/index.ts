export { type App, type StartOptions, startApp } from './start';
