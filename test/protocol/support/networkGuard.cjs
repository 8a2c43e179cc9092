// Preloaded into a server process by test/protocol/noNetwork.test.ts (`node --require`): every way
// Node opens a connection or looks up a name is wrapped to print `ATTACK_NOTES_NETWORK <what>` on
// stderr before it goes ahead, so the test sees any attempt. Stdio and IPC pipes are not
// connections to anywhere and are left alone.
'use strict';
const net = require('node:net');
const tls = require('node:tls');
const dns = require('node:dns');
const http = require('node:http');
const https = require('node:https');
const dgram = require('node:dgram');

const tell = (what) => process.stderr.write(`ATTACK_NOTES_NETWORK ${what}\n`);

function wrap(owner, name, label) {
  const original = owner[name];
  if (typeof original !== 'function') return;
  owner[name] = function (...args) {
    tell(label);
    return original.apply(this, args);
  };
}

wrap(net.Socket.prototype, 'connect', 'net.Socket.connect');
wrap(tls, 'connect', 'tls.connect');
wrap(dns, 'lookup', 'dns.lookup');
wrap(dns, 'resolve', 'dns.resolve');
wrap(dns.promises, 'lookup', 'dns.promises.lookup');
wrap(http, 'request', 'http.request');
wrap(http, 'get', 'http.get');
wrap(https, 'request', 'https.request');
wrap(https, 'get', 'https.get');
wrap(dgram, 'createSocket', 'dgram.createSocket');
if (typeof globalThis.fetch === 'function') wrap(globalThis, 'fetch', 'fetch');
process.stderr.write('ATTACK_NOTES_NETWORK_GUARD on\n');
