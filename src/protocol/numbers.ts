import $protobuf from 'protobufjs/minimal.js';

// uint64 fields (seq, times) decode to plain numbers: every value we use stays below 2^53,
// and it keeps the `long` package out of the client bundle. This must run before the generated
// module loads: it reads $util.Long once to set the prototype default of every uint64 field, and
// with Long still present an absent last_seq would read as a Long object instead of 0.
$protobuf.util.Long = null as unknown as typeof $protobuf.util.Long;
$protobuf.configure();
