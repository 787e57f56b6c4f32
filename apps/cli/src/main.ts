#!/usr/bin/env node
console.log('flowplane');
