import $protobuf from 'protobufjs/minimal.js';

// uint64 fields (seq, times) decode to plain numbers: every value we use stays below 2^53, and it
// keeps the `long` package out of the client bundle. This must run before the generated module
// evaluates (it reads util.Long for its field defaults), hence a module of its own imported first.
$protobuf.util.Long = null as unknown as typeof $protobuf.util.Long;
$protobuf.configure();
