import detector from '../../../detectors/typescript/tls-verification-disabled.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    {
      code: "const agent = new https.Agent({ rejectUnauthorized: false });\n",
      line: 1,
      message: '`rejectUnauthorized: false`',
      fix: 'const agent = new https.Agent({});',
    },
    {
      code: 'const pool = new Pool({\n  connectionString: process.env.DATABASE_URL,\n  ssl: { rejectUnauthorized: false },\n});\n',
      line: 3,
      fix: '  ssl: {},',
    },
    {
      code: "https.get(url, {\n  headers,\n  rejectUnauthorized: false,\n  timeout: 5000,\n}, onResponse);\n",
      line: 3,
      fix: '',
    },
    {
      code: "const socket = tls.connect(443, host, { servername: host, rejectUnauthorized: false });\n",
      line: 1,
      fix: 'const socket = tls.connect(443, host, { servername: host });',
    },
    {
      code: "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\nexport const client = createClient();\n",
      line: 1,
      message: 'every connection',
      fix: '',
    },
    { code: "process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = 0;\n", line: 1 },
    { code: 'https.globalAgent.options.rejectUnauthorized = false;\n', line: 1, message: '`https.globalAgent.options.rejectUnauthorized = false`' },
    { code: "request({ url, strictSSL: false }, callback);\n", line: 1, message: '`strictSSL: false`', fix: 'request({ url }, callback);' },
    { code: 'const client = new Client({ ssl: { rejectUnauthorized: !1 } });\n', line: 1 },
    {
      code: "spawn('node', ['worker.js'], { env: { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: '0' } });\n",
      line: 1,
      message: 'child process',
    },
    { code: 'const options = { host, checkServerIdentity: () => undefined };\n', line: 1, message: '`checkServerIdentity`' },
    {
      code: "const agent = new https.Agent({\n  // self-signed in staging\n  rejectUnauthorized: false, // TODO\n});\n",
      line: 3,
      note: 'no fix when it would delete a comment',
    },
    {
      code: "function onVerify(name, certs) { return null; }\nfunction connect(url) {\n  var options = { rejectUnauthorized: false, checkServerIdentity: onVerify };\n  return new WebSocket(url, options);\n}\n",
      line: 3,
      note: 'an identity check that compares nothing',
    },
    {
      code: "function connect(args) {\n  var url = 'wss://localhost/control';\n  if (args.url) url = args.url;\n  var options = { rejectUnauthorized: false };\n  return new WebSocket(url, options);\n}\nconst kvm = { hostname: router ? 'localhost' : host, rejectUnauthorized: false };\n",
      line: [4, 7],
      note: 'localhost is only the default',
    },
    {
      code: "const plain = net.connect(25, host);\nplain.once('data', () => {\n  const secure = tls.connect({ socket: plain, rejectUnauthorized: false });\n});\ntls.connect(443, 'mail.example.com', { rejectUnauthorized: false });\n",
      line: [3, 5],
      note: 'STARTTLS over a network socket, and a connection with a host',
    },
  ],
  ignores: [
    {
      code: "function sslFromEnv() {\n  switch (process.env.PGSSLMODE) {\n    case 'no-verify':\n      return { rejectUnauthorized: false };\n  }\n  return true;\n}\n",
      note: 'pg: a library carrying out sslmode=no-verify',
    },
    "if (this.ssl === 'no-verify') {\n  this.ssl = { rejectUnauthorized: false };\n}\n",
    "const agent = new https.Agent(argv.insecure ? { rejectUnauthorized: false } : {});\n",
    "const agent = new https.Agent({ ca: fs.readFileSync('ca.pem') });\n",
    'const agent = new https.Agent({ rejectUnauthorized: true });\n',
    { code: 'const agent = new https.Agent({ rejectUnauthorized: !config.allowSelfSigned });\n', note: 'a configured switch' },
    { code: "const ssl = { rejectUnauthorized: process.env.PGSSLMODE !== 'no-verify' };\n", note: 'computed from configuration' },
    'if (options.rejectUnauthorized === false) warnInsecure();\n',
    'interface TlsOptions {\n  rejectUnauthorized?: boolean;\n}\n',
    "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';\n",
    'const insecure = process.env.NODE_TLS_REJECT_UNAUTHORIZED === \'0\';\n',
    'delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;\n',
    { code: 'const options = { checkServerIdentity: (host, cert) => tls.checkServerIdentity(host, cert) };\n', note: 'delegates to the real check' },
    { code: "const agent = new https.Agent({ rejectUnauthorized: false });\n", path: 'test/server.test.ts', note: 'self-signed test fixtures' },
    { code: "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\n", path: 'src/__tests__/setup.ts' },
    {
      code: "if (args.nocertcheck) { options.rejectUnauthorized = false; }\nif (config.smtp.tlscertcheck === false) { options.tls.rejectUnauthorized = false; }\n",
      note: 'a certificate-check switch the user turns off (seen in meshcentral)',
    },
    {
      code: "const server = tls.createServer({ key, cert, requestCert: true, rejectUnauthorized: false }, onConnection);\nhttps.createServer({ key, cert, rejectUnauthorized: false }, app);\n",
      note: 'on a server the option is about optional client certificates (seen in meshcentral)',
    },
    {
      code: "function connect(host) {\n  options.rejectUnauthorized = false;\n  options.checkServerIdentity = function (certs) {\n    if (certs[0].fingerprint !== pinned) throw new Error('bad cert');\n  };\n  return http.request(options);\n}\nconst socket = tls.connect({ host, port, rejectUnauthorized: false, checkServerIdentity: obj.onCheck });\nobj.onCheck = function (cert) {\n  if (cert[0].fingerprint != obj.expected) process.exit(2);\n};\n",
      note: 'the certificate is pinned by its own check (seen in meshcentral agents)',
    },
    {
      code: "function peer(url) {\n  const ws = new WebSocket(url, { rejectUnauthorized: false, cert, key });\n  ws.on('open', () => {\n    const hash = hashOf(ws._socket.getPeerCertificate().raw);\n    if (hash !== expected) ws.close();\n  });\n}\n",
      note: 'the peer certificate is compared by hand once connected (seen in meshcentral)',
    },
    {
      code: "function relay(port, cookie) {\n  const options = { rejectUnauthorized: false };\n  var url = 'wss://localhost:' + port + '/relay?auth=' + cookie;\n  url += '&p=1';\n  return new WebSocket(url, options);\n}\nconst c = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false });\n",
      note: 'a connection to this machine has no network path (seen in meshcentral)',
    },
    { code: "const relay = tls.connect(args.port, { rejectUnauthorized: false }, onRelay);\n", note: 'no host: Node connects to localhost (seen in meshcentral)' },
    {
      code: "obj.connect = function () {\n  var options = { minVersion: 'TLSv1', rejectUnauthorized: false };\n  obj.socket = tls.connect(obj.port, obj.host, options, obj.onConnected);\n};\nobj.onConnected = function () {\n  const cert = obj.socket.getPeerCertificate();\n  if (cert.fingerprint !== obj.expected) obj.close();\n};\nconst secure = tls.connect({ socket, isServer: true, rejectUnauthorized: false });\n",
      note: 'checked in the connect callback; a server-side TLS socket (seen in meshcentral)',
    },
    {
      code: "function SerialTunnel() { return new Duplex(); }\nfunction open(chnl) {\n  var ser = new SerialTunnel();\n  var options = { socket: ser, rejectUnauthorized: false };\n  const tlsoptions = { minVersion: 'TLSv1', rejectUnauthorized: false };\n  const tlsock = new TLSSocket(ser, tlsoptions);\n  return tls.connect(options);\n}\n",
      note: 'TLS inside a tunnel the code builds itself (seen in meshcentral CIRA relays)',
    },
  ],
});
