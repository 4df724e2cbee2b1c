import detector from '../../../detectors/typescript/debug-mode-enabled.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    { code: "const server = new ApolloServer({ typeDefs, resolvers, debug: true });\n", line: 1, message: '`debug: true` in the options of `ApolloServer`' },
    { code: "export const db = knex({\n  client: 'pg',\n  connection: process.env.DATABASE_URL,\n  debug: true,\n});\n", line: 4, message: 'every query is logged' },
    { code: "const pool = mysql.createPool({ host, user, password, database, debug: true });\n", line: 1, message: '`mysql.createPool`' },
    { code: "import mongoose from 'mongoose';\nmongoose.set('debug', true);\n", line: 2, message: "`mongoose.set('debug', true)`" },
    { code: "import errorHandler from 'errorhandler';\nconst app = express();\napp.use(errorHandler());\n", line: 3, message: 'the `errorhandler` package' },
    { code: "const app = express();\napp.set('env', 'development');\n", line: 2, message: 'stack traces in error pages' },
    { code: "process.env.NODE_ENV = 'development';\nimport('./server.js');\n", line: 1 },
    { code: 'export function createDb() {\n  return Knex({ client: \'mysql2\', connection, debug: !0 });\n}\n', line: 2 },
    { code: 'export const DEBUG = true;\n', line: 1, options: { constants: true }, message: '`DEBUG = true`' },
    { code: 'let debugMode = true;\nconfig.IS_DEBUG = true;\n', line: [1, 2], options: { constants: true } },
    { code: "mongoose.set('debug', true);\n", line: 1, path: 'src/devices.ts', note: 'a file name that merely contains "dev"' },
  ],
  ignores: [
    { code: 'export const DEBUG = true;\n', note: 'a logging toggle: only with `constants: true` (10 of 10 sampled were)' },
    "const server = new ApolloServer({ typeDefs, debug: process.env.NODE_ENV !== 'production' });\n",
    "if (process.env.NODE_ENV !== 'production') mongoose.set('debug', true);\n",
    { code: "i18n.use(initReactI18next).init({ resources, lng: 'pl', debug: true });\n", note: 'another library logging more' },
    { code: "const micInstance = mic({ rate: '16000', channels: '1', debug: true });\n", note: 'seen on real code' },
    "const db = knex(isDev ? { client: 'pg', debug: true } : { client: 'pg' });\n",
    "if (process.env.NODE_ENV === 'development') app.use(errorHandler());\n",
    { code: "import errorHandler from './middleware/error-handler';\napp.use(errorHandler());\n", note: 'a local error handler' },
    "process.env.NODE_ENV = process.env.NODE_ENV || 'development';\n",
    { code: "mongoose.set('debug', true);\n", path: 'test/setup.ts' },
    { code: "const server = new ApolloServer({ typeDefs, debug: true });\n", path: 'scripts/dev-server.ts', note: 'tooling' },
    { code: "mongoose.set('debug', true);\n", path: 'src/db.dev.ts', note: 'a development-only module' },
    { code: "module.exports = { mode: 'development', debug: true };\n", path: 'webpack.config.js' },
    { code: 'function parseArgs(argv: string[]) {\n  let debug = false;\n  if (argv.includes(\'--debug\')) debug = true;\n  return { debug };\n}\n', options: { constants: true } },
    { code: 'const DEBUG_LOG_FILE = true;\n', options: { constants: true }, note: 'not only a debug switch' },
    { code: "headers.set('debug', 'true');\ncache.set('debug', true);\n", note: 'not mongoose' },
  ],
});
