'use strict';
// Offline linting never stores credentials; any call here is a misuse.
const unavailable = () => Promise.reject(new Error('keytar is stubbed in Runway: no OS keychain access'));
module.exports = {
  getPassword: unavailable,
  setPassword: unavailable,
  deletePassword: unavailable,
  findPassword: unavailable,
  findCredentials: unavailable,
};
