/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const danmaku = $root.danmaku = (() => {

    /**
     * Namespace danmaku.
     * @exports danmaku
     * @namespace
     */
    const danmaku = {};

    danmaku.v1 = (function() {

        /**
         * Namespace v1.
         * @memberof danmaku
         * @namespace
         */
        const v1 = {};

        /**
         * ErrorCode enum.
         * @name danmaku.v1.ErrorCode
         * @enum {number}
         * @property {number} OK=0 OK value
         * @property {number} BAD_FRAME=1 BAD_FRAME value
         * @property {number} UNAUTHENTICATED=2 UNAUTHENTICATED value
         * @property {number} FORBIDDEN=3 FORBIDDEN value
         * @property {number} RATE_LIMITED=4 RATE_LIMITED value
         * @property {number} TOO_LONG=5 TOO_LONG value
         * @property {number} BANNED=6 BANNED value
         * @property {number} MUTED=7 MUTED value
         * @property {number} UNAVAILABLE=8 UNAVAILABLE value
         * @property {number} INTERNAL=9 INTERNAL value
         * @property {number} TOO_MANY_ROOMS=10 TOO_MANY_ROOMS value
         * @property {number} NOT_JOINED=11 NOT_JOINED value
         * @property {number} SLOW_MODE=12 SLOW_MODE value
         * @property {number} FILTERED=13 FILTERED value
         * @property {number} OVERLOADED=14 OVERLOADED value
         */
        v1.ErrorCode = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "OK"] = 0;
            values[valuesById[1] = "BAD_FRAME"] = 1;
            values[valuesById[2] = "UNAUTHENTICATED"] = 2;
            values[valuesById[3] = "FORBIDDEN"] = 3;
            values[valuesById[4] = "RATE_LIMITED"] = 4;
            values[valuesById[5] = "TOO_LONG"] = 5;
            values[valuesById[6] = "BANNED"] = 6;
            values[valuesById[7] = "MUTED"] = 7;
            values[valuesById[8] = "UNAVAILABLE"] = 8;
            values[valuesById[9] = "INTERNAL"] = 9;
            values[valuesById[10] = "TOO_MANY_ROOMS"] = 10;
            values[valuesById[11] = "NOT_JOINED"] = 11;
            values[valuesById[12] = "SLOW_MODE"] = 12;
            values[valuesById[13] = "FILTERED"] = 13;
            values[valuesById[14] = "OVERLOADED"] = 14;
            return values;
        })();

        /**
         * Mode enum.
         * @name danmaku.v1.Mode
         * @enum {number}
         * @property {number} SCROLL=0 SCROLL value
         * @property {number} TOP=1 TOP value
         * @property {number} BOTTOM=2 BOTTOM value
         */
        v1.Mode = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "SCROLL"] = 0;
            values[valuesById[1] = "TOP"] = 1;
            values[valuesById[2] = "BOTTOM"] = 2;
            return values;
        })();

        v1.ClientFrame = (function() {

            /**
             * Properties of a ClientFrame.
             * @typedef {Object} danmaku.v1.ClientFrame.$Properties
             * @property {danmaku.v1.Hello.$Properties|null} [hello] ClientFrame hello
             * @property {danmaku.v1.Join.$Properties|null} [join] ClientFrame join
             * @property {danmaku.v1.Leave.$Properties|null} [leave] ClientFrame leave
             * @property {danmaku.v1.Comment.$Properties|null} [comment] ClientFrame comment
             * @property {danmaku.v1.Ping.$Properties|null} [ping] ClientFrame ping
             * @property {danmaku.v1.Report.$Properties|null} [report] ClientFrame report
             * @property {danmaku.v1.Refresh.$Properties|null} [refresh] ClientFrame refresh
             * @property {"hello"|"join"|"leave"|"comment"|"ping"|"report"|"refresh"} [kind] ClientFrame kind
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ClientFrame.
             * @memberof danmaku.v1
             * @interface IClientFrame
             * @augments danmaku.v1.ClientFrame.$Properties
             * @deprecated Use danmaku.v1.ClientFrame.$Properties instead.
             */

            /**
             * Narrowed shape of a ClientFrame.
             * @typedef {{
             *   hello?: danmaku.v1.Hello.$Shape|null;
             *   join?: danmaku.v1.Join.$Shape|null;
             *   leave?: danmaku.v1.Leave.$Shape|null;
             *   comment?: danmaku.v1.Comment.$Shape|null;
             *   ping?: danmaku.v1.Ping.$Shape|null;
             *   report?: danmaku.v1.Report.$Shape|null;
             *   refresh?: danmaku.v1.Refresh.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ kind?: undefined; hello?: null; join?: null; leave?: null; comment?: null; ping?: null; report?: null; refresh?: null }|{ kind?: "hello"; hello: danmaku.v1.Hello.$Shape; join?: null; leave?: null; comment?: null; ping?: null; report?: null; refresh?: null }|{ kind?: "join"; hello?: null; join: danmaku.v1.Join.$Shape; leave?: null; comment?: null; ping?: null; report?: null; refresh?: null }|{ kind?: "leave"; hello?: null; join?: null; leave: danmaku.v1.Leave.$Shape; comment?: null; ping?: null; report?: null; refresh?: null }|{ kind?: "comment"; hello?: null; join?: null; leave?: null; comment: danmaku.v1.Comment.$Shape; ping?: null; report?: null; refresh?: null }|{ kind?: "ping"; hello?: null; join?: null; leave?: null; comment?: null; ping: danmaku.v1.Ping.$Shape; report?: null; refresh?: null }|{ kind?: "report"; hello?: null; join?: null; leave?: null; comment?: null; ping?: null; report: danmaku.v1.Report.$Shape; refresh?: null }|{ kind?: "refresh"; hello?: null; join?: null; leave?: null; comment?: null; ping?: null; report?: null; refresh: danmaku.v1.Refresh.$Shape })
             * )} danmaku.v1.ClientFrame.$Shape
             */

            /**
             * Constructs a new ClientFrame.
             * @memberof danmaku.v1
             * @classdesc Represents a ClientFrame.
             * @constructor
             * @param {danmaku.v1.ClientFrame.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ClientFrame = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ClientFrame hello.
             * @member {danmaku.v1.Hello.$Properties|null|undefined} hello
             * @memberof danmaku.v1.ClientFrame
             * @instance
             */
            ClientFrame.prototype.hello = null;

            /**
             * ClientFrame join.
             * @member {danmaku.v1.Join.$Properties|null|undefined} join
             * @memberof danmaku.v1.ClientFrame
             * @instance
             */
            ClientFrame.prototype.join = null;

            /**
             * ClientFrame leave.
             * @member {danmaku.v1.Leave.$Properties|null|undefined} leave
             * @memberof danmaku.v1.ClientFrame
             * @instance
             */
            ClientFrame.prototype.leave = null;

            /**
             * ClientFrame comment.
             * @member {danmaku.v1.Comment.$Properties|null|undefined} comment
             * @memberof danmaku.v1.ClientFrame
             * @instance
             */
            ClientFrame.prototype.comment = null;

            /**
             * ClientFrame ping.
             * @member {danmaku.v1.Ping.$Properties|null|undefined} ping
             * @memberof danmaku.v1.ClientFrame
             * @instance
             */
            ClientFrame.prototype.ping = null;

            /**
             * ClientFrame report.
             * @member {danmaku.v1.Report.$Properties|null|undefined} report
             * @memberof danmaku.v1.ClientFrame
             * @instance
             */
            ClientFrame.prototype.report = null;

            /**
             * ClientFrame refresh.
             * @member {danmaku.v1.Refresh.$Properties|null|undefined} refresh
             * @memberof danmaku.v1.ClientFrame
             * @instance
             */
            ClientFrame.prototype.refresh = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * ClientFrame kind.
             * @member {"hello"|"join"|"leave"|"comment"|"ping"|"report"|"refresh"|undefined} kind
             * @memberof danmaku.v1.ClientFrame
             * @instance
             */
            $Object.defineProperty(ClientFrame.prototype, "kind", {
                get: $util.oneOfGetter($oneOfFields = ["hello", "join", "leave", "comment", "ping", "report", "refresh"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new ClientFrame instance using the specified properties.
             * @function create
             * @memberof danmaku.v1.ClientFrame
             * @static
             * @param {danmaku.v1.ClientFrame.$Properties=} [properties] Properties to set
             * @returns {danmaku.v1.ClientFrame} ClientFrame instance
             * @type {{
             *   (properties: danmaku.v1.ClientFrame.$Shape): danmaku.v1.ClientFrame & danmaku.v1.ClientFrame.$Shape;
             *   (properties?: danmaku.v1.ClientFrame.$Properties): danmaku.v1.ClientFrame;
             * }}
             */
            ClientFrame.create = function(properties) {
                return new ClientFrame(properties);
            };

            /**
             * Encodes the specified ClientFrame message. Does not implicitly {@link danmaku.v1.ClientFrame.verify|verify} messages.
             * @function encode
             * @memberof danmaku.v1.ClientFrame
             * @static
             * @param {danmaku.v1.ClientFrame.$Properties} message ClientFrame message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ClientFrame.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.hello != null && $Object.hasOwnProperty.call(message, "hello"))
                    $root.danmaku.v1.Hello.encode(message.hello, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.join != null && $Object.hasOwnProperty.call(message, "join"))
                    $root.danmaku.v1.Join.encode(message.join, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.leave != null && $Object.hasOwnProperty.call(message, "leave"))
                    $root.danmaku.v1.Leave.encode(message.leave, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.comment != null && $Object.hasOwnProperty.call(message, "comment"))
                    $root.danmaku.v1.Comment.encode(message.comment, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.ping != null && $Object.hasOwnProperty.call(message, "ping"))
                    $root.danmaku.v1.Ping.encode(message.ping, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                if (message.report != null && $Object.hasOwnProperty.call(message, "report"))
                    $root.danmaku.v1.Report.encode(message.report, writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                if (message.refresh != null && $Object.hasOwnProperty.call(message, "refresh"))
                    $root.danmaku.v1.Refresh.encode(message.refresh, writer.uint32(/* id 7, wireType 2 =*/58).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a ClientFrame message from the specified reader or buffer.
             * @function decode
             * @memberof danmaku.v1.ClientFrame
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {danmaku.v1.ClientFrame & danmaku.v1.ClientFrame.$Shape} ClientFrame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ClientFrame.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.danmaku.v1.ClientFrame();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            message.hello = $root.danmaku.v1.Hello.decode(reader, reader.size(), $undefined, _depth + 1, message.hello);
                            message.kind = "hello";
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.join = $root.danmaku.v1.Join.decode(reader, reader.size(), $undefined, _depth + 1, message.join);
                            message.kind = "join";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.leave = $root.danmaku.v1.Leave.decode(reader, reader.size(), $undefined, _depth + 1, message.leave);
                            message.kind = "leave";
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            message.comment = $root.danmaku.v1.Comment.decode(reader, reader.size(), $undefined, _depth + 1, message.comment);
                            message.kind = "comment";
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            message.ping = $root.danmaku.v1.Ping.decode(reader, reader.size(), $undefined, _depth + 1, message.ping);
                            message.kind = "ping";
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            message.report = $root.danmaku.v1.Report.decode(reader, reader.size(), $undefined, _depth + 1, message.report);
                            message.kind = "report";
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            message.refresh = $root.danmaku.v1.Refresh.decode(reader, reader.size(), $undefined, _depth + 1, message.refresh);
                            message.kind = "refresh";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return ClientFrame;
        })();

        v1.Hello = (function() {

            /**
             * Properties of a Hello.
             * @typedef {Object} danmaku.v1.Hello.$Properties
             * @property {string|null} [token] Hello token
             * @property {string|null} [platform] Hello platform
             * @property {string|null} [sdkVersion] Hello sdkVersion
             * @property {number|null} [reconnectAttempt] Hello reconnectAttempt
             * @property {Array.<danmaku.v1.Cursor.$Properties>|null} [cursors] Hello cursors
             * @property {boolean|null} [acceptDeflate] Hello acceptDeflate
             * @property {number|null} [batchLayout] Hello batchLayout
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Hello.
             * @memberof danmaku.v1
             * @interface IHello
             * @augments danmaku.v1.Hello.$Properties
             * @deprecated Use danmaku.v1.Hello.$Properties instead.
             */

            /**
             * Shape of a Hello.
             * @typedef {danmaku.v1.Hello.$Properties} danmaku.v1.Hello.$Shape
             */

            /**
             * Constructs a new Hello.
             * @memberof danmaku.v1
             * @classdesc Represents a Hello.
             * @constructor
             * @param {danmaku.v1.Hello.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Hello = function (properties) {
                this.cursors = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Hello token.
             * @member {string} token
             * @memberof danmaku.v1.Hello
             * @instance
             */
            Hello.prototype.token = "";

            /**
             * Hello platform.
             * @member {string} platform
             * @memberof danmaku.v1.Hello
             * @instance
             */
            Hello.prototype.platform = "";

            /**
             * Hello sdkVersion.
             * @member {string} sdkVersion
             * @memberof danmaku.v1.Hello
             * @instance
             */
            Hello.prototype.sdkVersion = "";

            /**
             * Hello reconnectAttempt.
             * @member {number} reconnectAttempt
             * @memberof danmaku.v1.Hello
             * @instance
             */
            Hello.prototype.reconnectAttempt = 0;

            /**
             * Hello cursors.
             * @member {Array.<danmaku.v1.Cursor.$Properties>} cursors
             * @memberof danmaku.v1.Hello
             * @instance
             */
            Hello.prototype.cursors = $util.emptyArray;

            /**
             * Hello acceptDeflate.
             * @member {boolean} acceptDeflate
             * @memberof danmaku.v1.Hello
             * @instance
             */
            Hello.prototype.acceptDeflate = false;

            /**
             * Hello batchLayout.
             * @member {number} batchLayout
             * @memberof danmaku.v1.Hello
             * @instance
             */
            Hello.prototype.batchLayout = 0;

            /**
             * Creates a new Hello instance using the specified properties.
             * @function create
             * @memberof danmaku.v1.Hello
             * @static
             * @param {danmaku.v1.Hello.$Properties=} [properties] Properties to set
             * @returns {danmaku.v1.Hello} Hello instance
             * @type {{
             *   (properties: danmaku.v1.Hello.$Shape): danmaku.v1.Hello & danmaku.v1.Hello.$Shape;
             *   (properties?: danmaku.v1.Hello.$Properties): danmaku.v1.Hello;
             * }}
             */
            Hello.create = function(properties) {
                return new Hello(properties);
            };

            /**
             * Encodes the specified Hello message. Does not implicitly {@link danmaku.v1.Hello.verify|verify} messages.
             * @function encode
             * @memberof danmaku.v1.Hello
             * @static
             * @param {danmaku.v1.Hello.$Properties} message Hello message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Hello.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.token != null && $Object.hasOwnProperty.call(message, "token") && message.token !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.token);
                if (message.platform != null && $Object.hasOwnProperty.call(message, "platform") && message.platform !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.platform);
                if (message.sdkVersion != null && $Object.hasOwnProperty.call(message, "sdkVersion") && message.sdkVersion !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.sdkVersion);
                if (message.reconnectAttempt != null && $Object.hasOwnProperty.call(message, "reconnectAttempt") && message.reconnectAttempt !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.reconnectAttempt);
                if (message.cursors != null && message.cursors.length)
                    for (let i = 0; i < message.cursors.length; ++i)
                        $root.danmaku.v1.Cursor.encode(message.cursors[i], writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                if (message.acceptDeflate != null && $Object.hasOwnProperty.call(message, "acceptDeflate") && message.acceptDeflate !== false)
                    writer.uint32(/* id 6, wireType 0 =*/48).bool(message.acceptDeflate);
                if (message.batchLayout != null && $Object.hasOwnProperty.call(message, "batchLayout") && message.batchLayout !== 0)
                    writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.batchLayout);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Hello message from the specified reader or buffer.
             * @function decode
             * @memberof danmaku.v1.Hello
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {danmaku.v1.Hello & danmaku.v1.Hello.$Shape} Hello
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Hello.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.danmaku.v1.Hello();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.token = value;
                            else
                                delete message.token;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.platform = value;
                            else
                                delete message.platform;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.sdkVersion = value;
                            else
                                delete message.sdkVersion;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.reconnectAttempt = value;
                            else
                                delete message.reconnectAttempt;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if (!(message.cursors && message.cursors.length))
                                message.cursors = [];
                            message.cursors.push($root.danmaku.v1.Cursor.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.acceptDeflate = value;
                            else
                                delete message.acceptDeflate;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.batchLayout = value;
                            else
                                delete message.batchLayout;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Hello;
        })();

        v1.Refresh = (function() {

            /**
             * Properties of a Refresh.
             * @typedef {Object} danmaku.v1.Refresh.$Properties
             * @property {string|null} [token] Refresh token
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Refresh.
             * @memberof danmaku.v1
             * @interface IRefresh
             * @augments danmaku.v1.Refresh.$Properties
             * @deprecated Use danmaku.v1.Refresh.$Properties instead.
             */

            /**
             * Shape of a Refresh.
             * @typedef {danmaku.v1.Refresh.$Properties} danmaku.v1.Refresh.$Shape
             */

            /**
             * Constructs a new Refresh.
             * @memberof danmaku.v1
             * @classdesc Represents a Refresh.
             * @constructor
             * @param {danmaku.v1.Refresh.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Refresh = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Refresh token.
             * @member {string} token
             * @memberof danmaku.v1.Refresh
             * @instance
             */
            Refresh.prototype.token = "";

            /**
             * Creates a new Refresh instance using the specified properties.
             * @function create
             * @memberof danmaku.v1.Refresh
             * @static
             * @param {danmaku.v1.Refresh.$Properties=} [properties] Properties to set
             * @returns {danmaku.v1.Refresh} Refresh instance
             * @type {{
             *   (properties: danmaku.v1.Refresh.$Shape): danmaku.v1.Refresh & danmaku.v1.Refresh.$Shape;
             *   (properties?: danmaku.v1.Refresh.$Properties): danmaku.v1.Refresh;
             * }}
             */
            Refresh.create = function(properties) {
                return new Refresh(properties);
            };

            /**
             * Encodes the specified Refresh message. Does not implicitly {@link danmaku.v1.Refresh.verify|verify} messages.
             * @function encode
             * @memberof danmaku.v1.Refresh
             * @static
             * @param {danmaku.v1.Refresh.$Properties} message Refresh message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Refresh.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.token != null && $Object.hasOwnProperty.call(message, "token") && message.token !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.token);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Refresh message from the specified reader or buffer.
             * @function decode
             * @memberof danmaku.v1.Refresh
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {danmaku.v1.Refresh & danmaku.v1.Refresh.$Shape} Refresh
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Refresh.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.danmaku.v1.Refresh();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.token = value;
                            else
                                delete message.token;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Refresh;
        })();

        v1.Cursor = (function() {

            /**
             * Properties of a Cursor.
             * @typedef {Object} danmaku.v1.Cursor.$Properties
             * @property {string|null} [room] Cursor room
             * @property {string|null} [epoch] Cursor epoch
             * @property {number|null} [lastSeq] Cursor lastSeq
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Cursor.
             * @memberof danmaku.v1
             * @interface ICursor
             * @augments danmaku.v1.Cursor.$Properties
             * @deprecated Use danmaku.v1.Cursor.$Properties instead.
             */

            /**
             * Shape of a Cursor.
             * @typedef {danmaku.v1.Cursor.$Properties} danmaku.v1.Cursor.$Shape
             */

            /**
             * Constructs a new Cursor.
             * @memberof danmaku.v1
             * @classdesc Represents a Cursor.
             * @constructor
             * @param {danmaku.v1.Cursor.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Cursor = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Cursor room.
             * @member {string} room
             * @memberof danmaku.v1.Cursor
             * @instance
             */
            Cursor.prototype.room = "";

            /**
             * Cursor epoch.
             * @member {string} epoch
             * @memberof danmaku.v1.Cursor
             * @instance
             */
            Cursor.prototype.epoch = "";

            /**
             * Cursor lastSeq.
             * @member {number} lastSeq
             * @memberof danmaku.v1.Cursor
             * @instance
             */
            Cursor.prototype.lastSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Cursor instance using the specified properties.
             * @function create
             * @memberof danmaku.v1.Cursor
             * @static
             * @param {danmaku.v1.Cursor.$Properties=} [properties] Properties to set
             * @returns {danmaku.v1.Cursor} Cursor instance
             * @type {{
             *   (properties: danmaku.v1.Cursor.$Shape): danmaku.v1.Cursor & danmaku.v1.Cursor.$Shape;
             *   (properties?: danmaku.v1.Cursor.$Properties): danmaku.v1.Cursor;
             * }}
             */
            Cursor.create = function(properties) {
                return new Cursor(properties);
            };

            /**
             * Encodes the specified Cursor message. Does not implicitly {@link danmaku.v1.Cursor.verify|verify} messages.
             * @function encode
             * @memberof danmaku.v1.Cursor
             * @static
             * @param {danmaku.v1.Cursor.$Properties} message Cursor message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Cursor.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.room != null && $Object.hasOwnProperty.call(message, "room") && message.room !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.room);
                if (message.epoch != null && $Object.hasOwnProperty.call(message, "epoch") && message.epoch !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.epoch);
                if (message.lastSeq != null && $Object.hasOwnProperty.call(message, "lastSeq") && (typeof message.lastSeq === "object" ? message.lastSeq.low || message.lastSeq.high : message.lastSeq !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.lastSeq);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Cursor message from the specified reader or buffer.
             * @function decode
             * @memberof danmaku.v1.Cursor
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {danmaku.v1.Cursor & danmaku.v1.Cursor.$Shape} Cursor
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Cursor.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.danmaku.v1.Cursor();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.room = value;
                            else
                                delete message.room;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.epoch = value;
                            else
                                delete message.epoch;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.lastSeq = value;
                            else
                                delete message.lastSeq;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Cursor;
        })();

        v1.Join = (function() {

            /**
             * Properties of a Join.
             * @typedef {Object} danmaku.v1.Join.$Properties
             * @property {string|null} [room] Join room
             * @property {string|null} [epoch] Join epoch
             * @property {number|null} [lastSeq] Join lastSeq
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Join.
             * @memberof danmaku.v1
             * @interface IJoin
             * @augments danmaku.v1.Join.$Properties
             * @deprecated Use danmaku.v1.Join.$Properties instead.
             */

            /**
             * Shape of a Join.
             * @typedef {danmaku.v1.Join.$Properties} danmaku.v1.Join.$Shape
             */

            /**
             * Constructs a new Join.
             * @memberof danmaku.v1
             * @classdesc Represents a Join.
             * @constructor
             * @param {danmaku.v1.Join.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Join = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Join room.
             * @member {string} room
             * @memberof danmaku.v1.Join
             * @instance
             */
            Join.prototype.room = "";

            /**
             * Join epoch.
             * @member {string} epoch
             * @memberof danmaku.v1.Join
             * @instance
             */
            Join.prototype.epoch = "";

            /**
             * Join lastSeq.
             * @member {number} lastSeq
             * @memberof danmaku.v1.Join
             * @instance
             */
            Join.prototype.lastSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Join instance using the specified properties.
             * @function create
             * @memberof danmaku.v1.Join
             * @static
             * @param {danmaku.v1.Join.$Properties=} [properties] Properties to set
             * @returns {danmaku.v1.Join} Join instance
             * @type {{
             *   (properties: danmaku.v1.Join.$Shape): danmaku.v1.Join & danmaku.v1.Join.$Shape;
             *   (properties?: danmaku.v1.Join.$Properties): danmaku.v1.Join;
             * }}
             */
            Join.create = function(properties) {
                return new Join(properties);
            };

            /**
             * Encodes the specified Join message. Does not implicitly {@link danmaku.v1.Join.verify|verify} messages.
             * @function encode
             * @memberof danmaku.v1.Join
             * @static
             * @param {danmaku.v1.Join.$Properties} message Join message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Join.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.room != null && $Object.hasOwnProperty.call(message, "room") && message.room !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.room);
                if (message.epoch != null && $Object.hasOwnProperty.call(message, "epoch") && message.epoch !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.epoch);
                if (message.lastSeq != null && $Object.hasOwnProperty.call(message, "lastSeq") && (typeof message.lastSeq === "object" ? message.lastSeq.low || message.lastSeq.high : message.lastSeq !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.lastSeq);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Join message from the specified reader or buffer.
             * @function decode
             * @memberof danmaku.v1.Join
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {danmaku.v1.Join & danmaku.v1.Join.$Shape} Join
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Join.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.danmaku.v1.Join();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.room = value;
                            else
                                delete message.room;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.epoch = value;
                            else
                                delete message.epoch;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.lastSeq = value;
                            else
                                delete message.lastSeq;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Join;
        })();

        v1.Leave = (function() {

            /**
             * Properties of a Leave.
             * @typedef {Object} danmaku.v1.Leave.$Properties
             * @property {string|null} [room] Leave room
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Leave.
             * @memberof danmaku.v1
             * @interface ILeave
             * @augments danmaku.v1.Leave.$Properties
             * @deprecated Use danmaku.v1.Leave.$Properties instead.
             */

            /**
             * Shape of a Leave.
             * @typedef {danmaku.v1.Leave.$Properties} danmaku.v1.Leave.$Shape
             */

            /**
             * Constructs a new Leave.
             * @memberof danmaku.v1
             * @classdesc Represents a Leave.
             * @constructor
             * @param {danmaku.v1.Leave.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Leave = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Leave room.
             * @member {string} room
             * @memberof danmaku.v1.Leave
             * @instance
             */
            Leave.prototype.room = "";

            /**
             * Creates a new Leave instance using the specified properties.
             * @function create
             * @memberof danmaku.v1.Leave
             * @static
             * @param {danmaku.v1.Leave.$Properties=} [properties] Properties to set
             * @returns {danmaku.v1.Leave} Leave instance
             * @type {{
             *   (properties: danmaku.v1.Leave.$Shape): danmaku.v1.Leave & danmaku.v1.Leave.$Shape;
             *   (properties?: danmaku.v1.Leave.$Properties): danmaku.v1.Leave;
             * }}
             */
            Leave.create = function(properties) {
                return new Leave(properties);
            };

            /**
             * Encodes the specified Leave message. Does not implicitly {@link danmaku.v1.Leave.verify|verify} messages.
             * @function encode
             * @memberof danmaku.v1.Leave
             * @static
             * @param {danmaku.v1.Leave.$Properties} message Leave message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Leave.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.room != null && $Object.hasOwnProperty.call(message, "room") && message.room !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.room);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Leave message from the specified reader or buffer.
             * @function decode
             * @memberof danmaku.v1.Leave
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {danmaku.v1.Leave & danmaku.v1.Leave.$Shape} Leave
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Leave.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.danmaku.v1.Leave();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.room = value;
                            else
                                delete message.room;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Leave;
        })();

        v1.Comment = (function() {

            /**
             * Properties of a Comment.
             * @typedef {Object} danmaku.v1.Comment.$Properties
             * @property {string|null} [room] Comment room
             * @property {string|null} [clientMsgId] Comment clientMsgId
             * @property {string|null} [text] Comment text
             * @property {number|null} [color] Comment color
             * @property {danmaku.v1.Mode|null} [mode] Comment mode
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Comment.
             * @memberof danmaku.v1
             * @interface IComment
             * @augments danmaku.v1.Comment.$Properties
             * @deprecated Use danmaku.v1.Comment.$Properties instead.
             */

            /**
             * Shape of a Comment.
             * @typedef {danmaku.v1.Comment.$Properties} danmaku.v1.Comment.$Shape
             */

            /**
             * Constructs a new Comment.
             * @memberof danmaku.v1
             * @classdesc Represents a Comment.
             * @constructor
             * @param {danmaku.v1.Comment.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Comment = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Comment room.
             * @member {string} room
             * @memberof danmaku.v1.Comment
             * @instance
             */
            Comment.prototype.room = "";

            /**
             * Comment clientMsgId.
             * @member {string} clientMsgId
             * @memberof danmaku.v1.Comment
             * @instance
             */
            Comment.prototype.clientMsgId = "";

            /**
             * Comment text.
             * @member {string} text
             * @memberof danmaku.v1.Comment
             * @instance
             */
            Comment.prototype.text = "";

            /**
             * Comment color.
             * @member {number} color
             * @memberof danmaku.v1.Comment
             * @instance
             */
            Comment.prototype.color = 0;

            /**
             * Comment mode.
             * @member {danmaku.v1.Mode} mode
             * @memberof danmaku.v1.Comment
             * @instance
             */
            Comment.prototype.mode = 0;

            /**
             * Creates a new Comment instance using the specified properties.
             * @function create
             * @memberof danmaku.v1.Comment
             * @static
             * @param {danmaku.v1.Comment.$Properties=} [properties] Properties to set
             * @returns {danmaku.v1.Comment} Comment instance
             * @type {{
             *   (properties: danmaku.v1.Comment.$Shape): danmaku.v1.Comment & danmaku.v1.Comment.$Shape;
             *   (properties?: danmaku.v1.Comment.$Properties): danmaku.v1.Comment;
             * }}
             */
            Comment.create = function(properties) {
                return new Comment(properties);
            };

            /**
             * Encodes the specified Comment message. Does not implicitly {@link danmaku.v1.Comment.verify|verify} messages.
             * @function encode
             * @memberof danmaku.v1.Comment
             * @static
             * @param {danmaku.v1.Comment.$Properties} message Comment message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Comment.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.room != null && $Object.hasOwnProperty.call(message, "room") && message.room !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.room);
                if (message.clientMsgId != null && $Object.hasOwnProperty.call(message, "clientMsgId") && message.clientMsgId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.clientMsgId);
                if (message.text != null && $Object.hasOwnProperty.call(message, "text") && message.text !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.text);
                if (message.color != null && $Object.hasOwnProperty.call(message, "color") && message.color !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.color);
                if (message.mode != null && $Object.hasOwnProperty.call(message, "mode") && message.mode !== 0)
                    writer.uint32(/* id 5, wireType 0 =*/40).int32(message.mode);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Comment message from the specified reader or buffer.
             * @function decode
             * @memberof danmaku.v1.Comment
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {danmaku.v1.Comment & danmaku.v1.Comment.$Shape} Comment
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Comment.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.danmaku.v1.Comment();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.room = value;
                            else
                                delete message.room;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.clientMsgId = value;
                            else
                                delete message.clientMsgId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.text = value;
                            else
                                delete message.text;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.color = value;
                            else
                                delete message.color;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.mode = value;
                            else
                                delete message.mode;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Comment;
        })();

        v1.Ping = (function() {

            /**
             * Properties of a Ping.
             * @typedef {Object} danmaku.v1.Ping.$Properties
             * @property {number|null} [clientTimeMs] Ping clientTimeMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Ping.
             * @memberof danmaku.v1
             * @interface IPing
             * @augments danmaku.v1.Ping.$Properties
             * @deprecated Use danmaku.v1.Ping.$Properties instead.
             */

            /**
             * Shape of a Ping.
             * @typedef {danmaku.v1.Ping.$Properties} danmaku.v1.Ping.$Shape
             */

            /**
             * Constructs a new Ping.
             * @memberof danmaku.v1
             * @classdesc Represents a Ping.
             * @constructor
             * @param {danmaku.v1.Ping.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Ping = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Ping clientTimeMs.
             * @member {number} clientTimeMs
             * @memberof danmaku.v1.Ping
             * @instance
             */
            Ping.prototype.clientTimeMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Ping instance using the specified properties.
             * @function create
             * @memberof danmaku.v1.Ping
             * @static
             * @param {danmaku.v1.Ping.$Properties=} [properties] Properties to set
             * @returns {danmaku.v1.Ping} Ping instance
             * @type {{
             *   (properties: danmaku.v1.Ping.$Shape): danmaku.v1.Ping & danmaku.v1.Ping.$Shape;
             *   (properties?: danmaku.v1.Ping.$Properties): danmaku.v1.Ping;
             * }}
             */
            Ping.create = function(properties) {
                return new Ping(properties);
            };

            /**
             * Encodes the specified Ping message. Does not implicitly {@link danmaku.v1.Ping.verify|verify} messages.
             * @function encode
             * @memberof danmaku.v1.Ping
             * @static
             * @param {danmaku.v1.Ping.$Properties} message Ping message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Ping.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.clientTimeMs != null && $Object.hasOwnProperty.call(message, "clientTimeMs") && (typeof message.clientTimeMs === "object" ? message.clientTimeMs.low || message.clientTimeMs.high : message.clientTimeMs !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.clientTimeMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Ping message from the specified reader or buffer.
             * @function decode
             * @memberof danmaku.v1.Ping
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {danmaku.v1.Ping & danmaku.v1.Ping.$Shape} Ping
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Ping.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.danmaku.v1.Ping();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.clientTimeMs = value;
                            else
                                delete message.clientTimeMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Ping;
        })();

        v1.Report = (function() {

            /**
             * Properties of a Report.
             * @typedef {Object} danmaku.v1.Report.$Properties
             * @property {Array.<danmaku.v1.TelemetryEvent.$Properties>|null} [events] Report events
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Report.
             * @memberof danmaku.v1
             * @interface IReport
             * @augments danmaku.v1.Report.$Properties
             * @deprecated Use danmaku.v1.Report.$Properties instead.
             */

            /**
             * Shape of a Report.
             * @typedef {danmaku.v1.Report.$Properties} danmaku.v1.Report.$Shape
             */

            /**
             * Constructs a new Report.
             * @memberof danmaku.v1
             * @classdesc Represents a Report.
             * @constructor
             * @param {danmaku.v1.Report.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Report = function (properties) {
                this.events = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Report events.
             * @member {Array.<danmaku.v1.TelemetryEvent.$Properties>} events
             * @memberof danmaku.v1.Report
             * @instance
             */
            Report.prototype.events = $util.emptyArray;

            /**
             * Creates a new Report instance using the specified properties.
             * @function create
             * @memberof danmaku.v1.Report
             * @static
             * @param {danmaku.v1.Report.$Properties=} [properties] Properties to set
             * @returns {danmaku.v1.Report} Report instance
             * @type {{
             *   (properties: danmaku.v1.Report.$Shape): danmaku.v1.Report & danmaku.v1.Report.$Shape;
             *   (properties?: danmaku.v1.Report.$Properties): danmaku.v1.Report;
             * }}
             */
            Report.create = function(properties) {
                return new Report(properties);
            };

            /**
             * Encodes the specified Report message. Does not implicitly {@link danmaku.v1.Report.verify|verify} messages.
             * @function encode
             * @memberof danmaku.v1.Report
             * @static
             * @param {danmaku.v1.Report.$Properties} message Report message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Report.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.events != null && message.events.length)
                    for (let i = 0; i < message.events.length; ++i)
                        $root.danmaku.v1.TelemetryEvent.encode(message.events[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Report message from the specified reader or buffer.
             * @function decode
             * @memberof danmaku.v1.Report
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {danmaku.v1.Report & danmaku.v1.Report.$Shape} Report
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Report.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.danmaku.v1.Report();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.events && message.events.length))
                                message.events = [];
                            message.events.push($root.danmaku.v1.TelemetryEvent.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Report;
        })();

        /**
         * TelemetryKind enum.
         * @name danmaku.v1.TelemetryKind
         * @enum {number}
         * @property {number} TELEMETRY_UNSPECIFIED=0 TELEMETRY_UNSPECIFIED value
         * @property {number} CONNECTED=1 CONNECTED value
         * @property {number} DISCONNECTED=2 DISCONNECTED value
         * @property {number} RECONNECT_ATTEMPT=3 RECONNECT_ATTEMPT value
         * @property {number} RECONNECTED=4 RECONNECTED value
         * @property {number} CLIENT_ERROR=5 CLIENT_ERROR value
         */
        v1.TelemetryKind = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "TELEMETRY_UNSPECIFIED"] = 0;
            values[valuesById[1] = "CONNECTED"] = 1;
            values[valuesById[2] = "DISCONNECTED"] = 2;
            values[valuesById[3] = "RECONNECT_ATTEMPT"] = 3;
            values[valuesById[4] = "RECONNECTED"] = 4;
            values[valuesById[5] = "CLIENT_ERROR"] = 5;
            return values;
        })();

        v1.TelemetryEvent = (function() {

            /**
             * Properties of a TelemetryEvent.
             * @typedef {Object} danmaku.v1.TelemetryEvent.$Properties
             * @property {danmaku.v1.TelemetryKind|null} [kind] TelemetryEvent kind
             * @property {number|null} [atMs] TelemetryEvent atMs
             * @property {number|null} [attempt] TelemetryEvent attempt
             * @property {number|null} [durationMs] TelemetryEvent durationMs
             * @property {number|null} [code] TelemetryEvent code
             * @property {string|null} [reason] TelemetryEvent reason
             * @property {string|null} [platform] TelemetryEvent platform
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a TelemetryEvent.
             * @memberof danmaku.v1
             * @interface ITelemetryEvent
             * @augments danmaku.v1.TelemetryEvent.$Properties
             * @deprecated Use danmaku.v1.TelemetryEvent.$Properties instead.
             */

            /**
             * Shape of a TelemetryEvent.
             * @typedef {danmaku.v1.TelemetryEvent.$Properties} danmaku.v1.TelemetryEvent.$Shape
             */

            /**
             * Constructs a new TelemetryEvent.
             * @memberof danmaku.v1
             * @classdesc Represents a TelemetryEvent.
             * @constructor
             * @param {danmaku.v1.TelemetryEvent.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const TelemetryEvent = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * TelemetryEvent kind.
             * @member {danmaku.v1.TelemetryKind} kind
             * @memberof danmaku.v1.TelemetryEvent
             * @instance
             */
            TelemetryEvent.prototype.kind = 0;

            /**
             * TelemetryEvent atMs.
             * @member {number} atMs
             * @memberof danmaku.v1.TelemetryEvent
             * @instance
             */
            TelemetryEvent.prototype.atMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * TelemetryEvent attempt.
             * @member {number} attempt
             * @memberof danmaku.v1.TelemetryEvent
             * @instance
             */
            TelemetryEvent.prototype.attempt = 0;

            /**
             * TelemetryEvent durationMs.
             * @member {number} durationMs
             * @memberof danmaku.v1.TelemetryEvent
             * @instance
             */
            TelemetryEvent.prototype.durationMs = 0;

            /**
             * TelemetryEvent code.
             * @member {number} code
             * @memberof danmaku.v1.TelemetryEvent
             * @instance
             */
            TelemetryEvent.prototype.code = 0;

            /**
             * TelemetryEvent reason.
             * @member {string} reason
             * @memberof danmaku.v1.TelemetryEvent
             * @instance
             */
            TelemetryEvent.prototype.reason = "";

            /**
             * TelemetryEvent platform.
             * @member {string} platform
             * @memberof danmaku.v1.TelemetryEvent
             * @instance
             */
            TelemetryEvent.prototype.platform = "";

            /**
             * Creates a new TelemetryEvent instance using the specified properties.
             * @function create
             * @memberof danmaku.v1.TelemetryEvent
             * @static
             * @param {danmaku.v1.TelemetryEvent.$Properties=} [properties] Properties to set
             * @returns {danmaku.v1.TelemetryEvent} TelemetryEvent instance
             * @type {{
             *   (properties: danmaku.v1.TelemetryEvent.$Shape): danmaku.v1.TelemetryEvent & danmaku.v1.TelemetryEvent.$Shape;
             *   (properties?: danmaku.v1.TelemetryEvent.$Properties): danmaku.v1.TelemetryEvent;
             * }}
             */
            TelemetryEvent.create = function(properties) {
                return new TelemetryEvent(properties);
            };

            /**
             * Encodes the specified TelemetryEvent message. Does not implicitly {@link danmaku.v1.TelemetryEvent.verify|verify} messages.
             * @function encode
             * @memberof danmaku.v1.TelemetryEvent
             * @static
             * @param {danmaku.v1.TelemetryEvent.$Properties} message TelemetryEvent message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TelemetryEvent.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind") && message.kind !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.kind);
                if (message.atMs != null && $Object.hasOwnProperty.call(message, "atMs") && (typeof message.atMs === "object" ? message.atMs.low || message.atMs.high : message.atMs !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.atMs);
                if (message.attempt != null && $Object.hasOwnProperty.call(message, "attempt") && message.attempt !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.attempt);
                if (message.durationMs != null && $Object.hasOwnProperty.call(message, "durationMs") && message.durationMs !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.durationMs);
                if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== 0)
                    writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.code);
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.reason);
                if (message.platform != null && $Object.hasOwnProperty.call(message, "platform") && message.platform !== "")
                    writer.uint32(/* id 7, wireType 2 =*/58).string(message.platform);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a TelemetryEvent message from the specified reader or buffer.
             * @function decode
             * @memberof danmaku.v1.TelemetryEvent
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {danmaku.v1.TelemetryEvent & danmaku.v1.TelemetryEvent.$Shape} TelemetryEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TelemetryEvent.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.danmaku.v1.TelemetryEvent();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.kind = value;
                            else
                                delete message.kind;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.atMs = value;
                            else
                                delete message.atMs;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.attempt = value;
                            else
                                delete message.attempt;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.durationMs = value;
                            else
                                delete message.durationMs;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.code = value;
                            else
                                delete message.code;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.reason = value;
                            else
                                delete message.reason;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.platform = value;
                            else
                                delete message.platform;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return TelemetryEvent;
        })();

        v1.ServerFrame = (function() {

            /**
             * Properties of a ServerFrame.
             * @typedef {Object} danmaku.v1.ServerFrame.$Properties
             * @property {danmaku.v1.Batch.$Properties|null} [batch] ServerFrame batch
             * @property {danmaku.v1.Welcome.$Properties|null} [welcome] ServerFrame welcome
             * @property {danmaku.v1.Joined.$Properties|null} [joined] ServerFrame joined
             * @property {danmaku.v1.Ack.$Properties|null} [ack] ServerFrame ack
             * @property {danmaku.v1.Pong.$Properties|null} [pong] ServerFrame pong
             * @property {danmaku.v1.Recall.$Properties|null} [recall] ServerFrame recall
             * @property {danmaku.v1.Notice.$Properties|null} [notice] ServerFrame notice
             * @property {danmaku.v1.Error.$Properties|null} [error] ServerFrame error
             * @property {danmaku.v1.GoAway.$Properties|null} [goaway] ServerFrame goaway
             * @property {danmaku.v1.Left.$Properties|null} [left] ServerFrame left
             * @property {danmaku.v1.Deflated.$Properties|null} [deflated] ServerFrame deflated
             * @property {danmaku.v1.Presence.$Properties|null} [presence] ServerFrame presence
             * @property {danmaku.v1.CompactBatch.$Properties|null} [compact] ServerFrame compact
             * @property {danmaku.v1.Refreshed.$Properties|null} [refreshed] ServerFrame refreshed
             * @property {"batch"|"welcome"|"joined"|"ack"|"pong"|"recall"|"notice"|"error"|"goaway"|"left"|"deflated"|"presence"|"compact"|"refreshed"} [kind] ServerFrame kind
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ServerFrame.
             * @memberof danmaku.v1
             * @interface IServerFrame
             * @augments danmaku.v1.ServerFrame.$Properties
             * @deprecated Use danmaku.v1.ServerFrame.$Properties instead.
             */

            /**
             * Narrowed shape of a ServerFrame.
             * @typedef {{
             *   batch?: danmaku.v1.Batch.$Shape|null;
             *   welcome?: danmaku.v1.Welcome.$Shape|null;
             *   joined?: danmaku.v1.Joined.$Shape|null;
             *   ack?: danmaku.v1.Ack.$Shape|null;
             *   pong?: danmaku.v1.Pong.$Shape|null;
             *   recall?: danmaku.v1.Recall.$Shape|null;
             *   notice?: danmaku.v1.Notice.$Shape|null;
             *   error?: danmaku.v1.Error.$Shape|null;
             *   goaway?: danmaku.v1.GoAway.$Shape|null;
             *   left?: danmaku.v1.Left.$Shape|null;
             *   deflated?: danmaku.v1.Deflated.$Shape|null;
             *   presence?: danmaku.v1.Presence.$Shape|null;
             *   compact?: danmaku.v1.CompactBatch.$Shape|null;
             *   refreshed?: danmaku.v1.Refreshed.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ kind?: undefined; batch?: null; welcome?: null; joined?: null; ack?: null; pong?: null; recall?: null; notice?: null; error?: null; goaway?: null; left?: null; deflated?: null; presence?: null; compact?: null; refreshed?: null }|{ kind?: "batch"; batch: danmaku.v1.Batch.$Shape; welcome?: null; joined?: null; ack?: null; pong?: null; recall?: null; notice?: null; error?: null; goaway?: null; left?: null; deflated?: null; presence?: null; compact?: null; refreshed?: null }|{ kind?: "welcome"; batch?: null; welcome: danmaku.v1.Welcome.$Shape; joined?: null; ack?: null; pong?: null; recall?: null; notice?: null; error?: null; goaway?: null; left?: null; deflated?: null; presence?: null; compact?: null; refreshed?: null }|{ kind?: "joined"; batch?: null; welcome?: null; joined: danmaku.v1.Joined.$Shape; ack?: null; pong?: null; recall?: null; notice?: null; error?: null; goaway?: null; left?: null; deflated?: null; presence?: null; compact?: null; refreshed?: null }|{ kind?: "ack"; batch?: null; welcome?: null; joined?: null; ack: danmaku.v1.Ack.$Shape; pong?: null; recall?: null; notice?: null; error?: null; goaway?: null; left?: null; deflated?: null; presence?: null; compact?: null; refreshed?: null }|{ kind?: "pong"; batch?: null; welcome?: null; joined?: null; ack?: null; pong: danmaku.v1.Pong.$Shape; recall?: null; notice?: null; error?: null; goaway?: null; left?: null; deflated?: null; presence?: null; compact?: null; refreshed?: null }|{ kind?: "recall"; batch?: null; welcome?: null; joined?: null; ack?: null; pong?: null; recall: danmaku.v1.Recall.$Shape; notice?: null; error?: null; goaway?: null; left?: null; deflated?: null; presence?: null; compact?: null; refreshed?: null }|{ kind?: "notice"; batch?: null; welcome?: null; joined?: null; ack?: null; pong?: null; recall?: null; notice: danmaku.v1.Notice.$Shape; error?: null; goaway?: null; left?: null; deflated?: null; presence?: null; compact?: null; refreshed?: null }|{ kind?: "error"; batch?: null; welcome?: null; joined?: null; ack?: null; pong?: null; recall?: null; notice?: null; error: danmaku.v1.Error.$Shape; goaway?: null; left?: null; deflated?: null; presence?: null; compact?: null; refreshed?: null }|{ kind?: "goaway"; batch?: null; welcome?: null; joined?: null; ack?: null; pong?: null; recall?: null; notice?: null; error?: null; goaway: danmaku.v1.GoAway.$Shape; left?: null; deflated?: null; presence?: null; compact?: null; refreshed?: null }|{ kind?: "left"; batch?: null; welcome?: null; joined?: null; ack?: null; pong?: null; recall?: null; notice?: null; error?: null; goaway?: null; left: danmaku.v1.Left.$Shape; deflated?: null; presence?: null; compact?: null; refreshed?: null }|{ kind?: "deflated"; batch?: null; welcome?: null; joined?: null; ack?: null; pong?: null; recall?: null; notice?: null; error?: null; goaway?: null; left?: null; deflated: danmaku.v1.Deflated.$Shape; presence?: null; compact?: null; refreshed?: null }|{ kind?: "presence"; batch?: null; welcome?: null; joined?: null; ack?: null; pong?: null; recall?: null; notice?: null; error?: null; goaway?: null; left?: null; deflated?: null; presence: danmaku.v1.Presence.$Shape; compact?: null; refreshed?: null }|{ kind?: "compact"; batch?: null; welcome?: null; joined?: null; ack?: null; pong?: null; recall?: null; notice?: null; error?: null; goaway?: null; left?: null; deflated?: null; presence?: null; compact: danmaku.v1.CompactBatch.$Shape; refreshed?: null }|{ kind?: "refreshed"; batch?: null; welcome?: null; joined?: null; ack?: null; pong?: null; recall?: null; notice?: null; error?: null; goaway?: null; left?: null; deflated?: null; presence?: null; compact?: null; refreshed: danmaku.v1.Refreshed.$Shape })
             * )} danmaku.v1.ServerFrame.$Shape
             */

            /**
             * Constructs a new ServerFrame.
             * @memberof danmaku.v1
             * @classdesc Represents a ServerFrame.
             * @constructor
             * @param {danmaku.v1.ServerFrame.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ServerFrame = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ServerFrame batch.
             * @member {danmaku.v1.Batch.$Properties|null|undefined} batch
             * @memberof danmaku.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.batch = null;

            /**
             * ServerFrame welcome.
             * @member {danmaku.v1.Welcome.$Properties|null|undefined} welcome
             * @memberof danmaku.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.welcome = null;

            /**
             * ServerFrame joined.
             * @member {danmaku.v1.Joined.$Properties|null|undefined} joined
             * @memberof danmaku.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.joined = null;

            /**
             * ServerFrame ack.
             * @member {danmaku.v1.Ack.$Properties|null|undefined} ack
             * @memberof danmaku.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.ack = null;

            /**
             * ServerFrame pong.
             * @member {danmaku.v1.Pong.$Properties|null|undefined} pong
             * @memberof danmaku.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.pong = null;

            /**
             * ServerFrame recall.
             * @member {danmaku.v1.Recall.$Properties|null|undefined} recall
             * @memberof danmaku.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.recall = null;

            /**
             * ServerFrame notice.
             * @member {danmaku.v1.Notice.$Properties|null|undefined} notice
             * @memberof danmaku.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.notice = null;

            /**
             * ServerFrame error.
             * @member {danmaku.v1.Error.$Properties|null|undefined} error
             * @memberof danmaku.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.error = null;

            /**
             * ServerFrame goaway.
             * @member {danmaku.v1.GoAway.$Properties|null|undefined} goaway
             * @memberof danmaku.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.goaway = null;

            /**
             * ServerFrame left.
             * @member {danmaku.v1.Left.$Properties|null|undefined} left
             * @memberof danmaku.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.left = null;

            /**
             * ServerFrame deflated.
             * @member {danmaku.v1.Deflated.$Properties|null|undefined} deflated
             * @memberof danmaku.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.deflated = null;

            /**
             * ServerFrame presence.
             * @member {danmaku.v1.Presence.$Properties|null|undefined} presence
             * @memberof danmaku.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.presence = null;

            /**
             * ServerFrame compact.
             * @member {danmaku.v1.CompactBatch.$Properties|null|undefined} compact
             * @memberof danmaku.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.compact = null;

            /**
             * ServerFrame refreshed.
             * @member {danmaku.v1.Refreshed.$Properties|null|undefined} refreshed
             * @memberof danmaku.v1.ServerFrame
             * @instance
             */
            ServerFrame.prototype.refreshed = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * ServerFrame kind.
             * @member {"batch"|"welcome"|"joined"|"ack"|"pong"|"recall"|"notice"|"error"|"goaway"|"left"|"deflated"|"presence"|"compact"|"refreshed"|undefined} kind
             * @memberof danmaku.v1.ServerFrame
             * @instance
             */
            $Object.defineProperty(ServerFrame.prototype, "kind", {
                get: $util.oneOfGetter($oneOfFields = ["batch", "welcome", "joined", "ack", "pong", "recall", "notice", "error", "goaway", "left", "deflated", "presence", "compact", "refreshed"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new ServerFrame instance using the specified properties.
             * @function create
             * @memberof danmaku.v1.ServerFrame
             * @static
             * @param {danmaku.v1.ServerFrame.$Properties=} [properties] Properties to set
             * @returns {danmaku.v1.ServerFrame} ServerFrame instance
             * @type {{
             *   (properties: danmaku.v1.ServerFrame.$Shape): danmaku.v1.ServerFrame & danmaku.v1.ServerFrame.$Shape;
             *   (properties?: danmaku.v1.ServerFrame.$Properties): danmaku.v1.ServerFrame;
             * }}
             */
            ServerFrame.create = function(properties) {
                return new ServerFrame(properties);
            };

            /**
             * Encodes the specified ServerFrame message. Does not implicitly {@link danmaku.v1.ServerFrame.verify|verify} messages.
             * @function encode
             * @memberof danmaku.v1.ServerFrame
             * @static
             * @param {danmaku.v1.ServerFrame.$Properties} message ServerFrame message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ServerFrame.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.batch != null && $Object.hasOwnProperty.call(message, "batch"))
                    $root.danmaku.v1.Batch.encode(message.batch, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.welcome != null && $Object.hasOwnProperty.call(message, "welcome"))
                    $root.danmaku.v1.Welcome.encode(message.welcome, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.joined != null && $Object.hasOwnProperty.call(message, "joined"))
                    $root.danmaku.v1.Joined.encode(message.joined, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.ack != null && $Object.hasOwnProperty.call(message, "ack"))
                    $root.danmaku.v1.Ack.encode(message.ack, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.pong != null && $Object.hasOwnProperty.call(message, "pong"))
                    $root.danmaku.v1.Pong.encode(message.pong, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                if (message.recall != null && $Object.hasOwnProperty.call(message, "recall"))
                    $root.danmaku.v1.Recall.encode(message.recall, writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                if (message.notice != null && $Object.hasOwnProperty.call(message, "notice"))
                    $root.danmaku.v1.Notice.encode(message.notice, writer.uint32(/* id 7, wireType 2 =*/58).fork(), _depth + 1).ldelim();
                if (message.error != null && $Object.hasOwnProperty.call(message, "error"))
                    $root.danmaku.v1.Error.encode(message.error, writer.uint32(/* id 8, wireType 2 =*/66).fork(), _depth + 1).ldelim();
                if (message.goaway != null && $Object.hasOwnProperty.call(message, "goaway"))
                    $root.danmaku.v1.GoAway.encode(message.goaway, writer.uint32(/* id 9, wireType 2 =*/74).fork(), _depth + 1).ldelim();
                if (message.left != null && $Object.hasOwnProperty.call(message, "left"))
                    $root.danmaku.v1.Left.encode(message.left, writer.uint32(/* id 10, wireType 2 =*/82).fork(), _depth + 1).ldelim();
                if (message.deflated != null && $Object.hasOwnProperty.call(message, "deflated"))
                    $root.danmaku.v1.Deflated.encode(message.deflated, writer.uint32(/* id 11, wireType 2 =*/90).fork(), _depth + 1).ldelim();
                if (message.presence != null && $Object.hasOwnProperty.call(message, "presence"))
                    $root.danmaku.v1.Presence.encode(message.presence, writer.uint32(/* id 12, wireType 2 =*/98).fork(), _depth + 1).ldelim();
                if (message.compact != null && $Object.hasOwnProperty.call(message, "compact"))
                    $root.danmaku.v1.CompactBatch.encode(message.compact, writer.uint32(/* id 13, wireType 2 =*/106).fork(), _depth + 1).ldelim();
                if (message.refreshed != null && $Object.hasOwnProperty.call(message, "refreshed"))
                    $root.danmaku.v1.Refreshed.encode(message.refreshed, writer.uint32(/* id 14, wireType 2 =*/114).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a ServerFrame message from the specified reader or buffer.
             * @function decode
             * @memberof danmaku.v1.ServerFrame
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {danmaku.v1.ServerFrame & danmaku.v1.ServerFrame.$Shape} ServerFrame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ServerFrame.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.danmaku.v1.ServerFrame();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            message.batch = $root.danmaku.v1.Batch.decode(reader, reader.size(), $undefined, _depth + 1, message.batch);
                            message.kind = "batch";
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.welcome = $root.danmaku.v1.Welcome.decode(reader, reader.size(), $undefined, _depth + 1, message.welcome);
                            message.kind = "welcome";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.joined = $root.danmaku.v1.Joined.decode(reader, reader.size(), $undefined, _depth + 1, message.joined);
                            message.kind = "joined";
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            message.ack = $root.danmaku.v1.Ack.decode(reader, reader.size(), $undefined, _depth + 1, message.ack);
                            message.kind = "ack";
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            message.pong = $root.danmaku.v1.Pong.decode(reader, reader.size(), $undefined, _depth + 1, message.pong);
                            message.kind = "pong";
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            message.recall = $root.danmaku.v1.Recall.decode(reader, reader.size(), $undefined, _depth + 1, message.recall);
                            message.kind = "recall";
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            message.notice = $root.danmaku.v1.Notice.decode(reader, reader.size(), $undefined, _depth + 1, message.notice);
                            message.kind = "notice";
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            message.error = $root.danmaku.v1.Error.decode(reader, reader.size(), $undefined, _depth + 1, message.error);
                            message.kind = "error";
                            continue;
                        }
                    case 9: {
                            if (wireType !== 2)
                                break;
                            message.goaway = $root.danmaku.v1.GoAway.decode(reader, reader.size(), $undefined, _depth + 1, message.goaway);
                            message.kind = "goaway";
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            message.left = $root.danmaku.v1.Left.decode(reader, reader.size(), $undefined, _depth + 1, message.left);
                            message.kind = "left";
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            message.deflated = $root.danmaku.v1.Deflated.decode(reader, reader.size(), $undefined, _depth + 1, message.deflated);
                            message.kind = "deflated";
                            continue;
                        }
                    case 12: {
                            if (wireType !== 2)
                                break;
                            message.presence = $root.danmaku.v1.Presence.decode(reader, reader.size(), $undefined, _depth + 1, message.presence);
                            message.kind = "presence";
                            continue;
                        }
                    case 13: {
                            if (wireType !== 2)
                                break;
                            message.compact = $root.danmaku.v1.CompactBatch.decode(reader, reader.size(), $undefined, _depth + 1, message.compact);
                            message.kind = "compact";
                            continue;
                        }
                    case 14: {
                            if (wireType !== 2)
                                break;
                            message.refreshed = $root.danmaku.v1.Refreshed.decode(reader, reader.size(), $undefined, _depth + 1, message.refreshed);
                            message.kind = "refreshed";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return ServerFrame;
        })();

        v1.Welcome = (function() {

            /**
             * Properties of a Welcome.
             * @typedef {Object} danmaku.v1.Welcome.$Properties
             * @property {string|null} [sessionId] Welcome sessionId
             * @property {string|null} [nodeId] Welcome nodeId
             * @property {number|null} [heartbeatIntervalMs] Welcome heartbeatIntervalMs
             * @property {number|null} [serverTimeMs] Welcome serverTimeMs
             * @property {string|null} [userId] Welcome userId
             * @property {number|null} [tokenExpiresAtMs] Welcome tokenExpiresAtMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Welcome.
             * @memberof danmaku.v1
             * @interface IWelcome
             * @augments danmaku.v1.Welcome.$Properties
             * @deprecated Use danmaku.v1.Welcome.$Properties instead.
             */

            /**
             * Shape of a Welcome.
             * @typedef {danmaku.v1.Welcome.$Properties} danmaku.v1.Welcome.$Shape
             */

            /**
             * Constructs a new Welcome.
             * @memberof danmaku.v1
             * @classdesc Represents a Welcome.
             * @constructor
             * @param {danmaku.v1.Welcome.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Welcome = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Welcome sessionId.
             * @member {string} sessionId
             * @memberof danmaku.v1.Welcome
             * @instance
             */
            Welcome.prototype.sessionId = "";

            /**
             * Welcome nodeId.
             * @member {string} nodeId
             * @memberof danmaku.v1.Welcome
             * @instance
             */
            Welcome.prototype.nodeId = "";

            /**
             * Welcome heartbeatIntervalMs.
             * @member {number} heartbeatIntervalMs
             * @memberof danmaku.v1.Welcome
             * @instance
             */
            Welcome.prototype.heartbeatIntervalMs = 0;

            /**
             * Welcome serverTimeMs.
             * @member {number} serverTimeMs
             * @memberof danmaku.v1.Welcome
             * @instance
             */
            Welcome.prototype.serverTimeMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Welcome userId.
             * @member {string} userId
             * @memberof danmaku.v1.Welcome
             * @instance
             */
            Welcome.prototype.userId = "";

            /**
             * Welcome tokenExpiresAtMs.
             * @member {number} tokenExpiresAtMs
             * @memberof danmaku.v1.Welcome
             * @instance
             */
            Welcome.prototype.tokenExpiresAtMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Welcome instance using the specified properties.
             * @function create
             * @memberof danmaku.v1.Welcome
             * @static
             * @param {danmaku.v1.Welcome.$Properties=} [properties] Properties to set
             * @returns {danmaku.v1.Welcome} Welcome instance
             * @type {{
             *   (properties: danmaku.v1.Welcome.$Shape): danmaku.v1.Welcome & danmaku.v1.Welcome.$Shape;
             *   (properties?: danmaku.v1.Welcome.$Properties): danmaku.v1.Welcome;
             * }}
             */
            Welcome.create = function(properties) {
                return new Welcome(properties);
            };

            /**
             * Encodes the specified Welcome message. Does not implicitly {@link danmaku.v1.Welcome.verify|verify} messages.
             * @function encode
             * @memberof danmaku.v1.Welcome
             * @static
             * @param {danmaku.v1.Welcome.$Properties} message Welcome message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Welcome.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId") && message.sessionId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.sessionId);
                if (message.nodeId != null && $Object.hasOwnProperty.call(message, "nodeId") && message.nodeId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.nodeId);
                if (message.heartbeatIntervalMs != null && $Object.hasOwnProperty.call(message, "heartbeatIntervalMs") && message.heartbeatIntervalMs !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.heartbeatIntervalMs);
                if (message.serverTimeMs != null && $Object.hasOwnProperty.call(message, "serverTimeMs") && (typeof message.serverTimeMs === "object" ? message.serverTimeMs.low || message.serverTimeMs.high : message.serverTimeMs !== 0))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.serverTimeMs);
                if (message.userId != null && $Object.hasOwnProperty.call(message, "userId") && message.userId !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.userId);
                if (message.tokenExpiresAtMs != null && $Object.hasOwnProperty.call(message, "tokenExpiresAtMs") && (typeof message.tokenExpiresAtMs === "object" ? message.tokenExpiresAtMs.low || message.tokenExpiresAtMs.high : message.tokenExpiresAtMs !== 0))
                    writer.uint32(/* id 6, wireType 0 =*/48).uint64(message.tokenExpiresAtMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Welcome message from the specified reader or buffer.
             * @function decode
             * @memberof danmaku.v1.Welcome
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {danmaku.v1.Welcome & danmaku.v1.Welcome.$Shape} Welcome
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Welcome.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.danmaku.v1.Welcome();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.sessionId = value;
                            else
                                delete message.sessionId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.nodeId = value;
                            else
                                delete message.nodeId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.heartbeatIntervalMs = value;
                            else
                                delete message.heartbeatIntervalMs;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.serverTimeMs = value;
                            else
                                delete message.serverTimeMs;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.userId = value;
                            else
                                delete message.userId;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.tokenExpiresAtMs = value;
                            else
                                delete message.tokenExpiresAtMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Welcome;
        })();

        v1.Refreshed = (function() {

            /**
             * Properties of a Refreshed.
             * @typedef {Object} danmaku.v1.Refreshed.$Properties
             * @property {danmaku.v1.ErrorCode|null} [code] Refreshed code
             * @property {string|null} [message] Refreshed message
             * @property {number|null} [tokenExpiresAtMs] Refreshed tokenExpiresAtMs
             * @property {number|null} [serverTimeMs] Refreshed serverTimeMs
             * @property {Array.<string>|null} [leftRooms] Refreshed leftRooms
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Refreshed.
             * @memberof danmaku.v1
             * @interface IRefreshed
             * @augments danmaku.v1.Refreshed.$Properties
             * @deprecated Use danmaku.v1.Refreshed.$Properties instead.
             */

            /**
             * Shape of a Refreshed.
             * @typedef {danmaku.v1.Refreshed.$Properties} danmaku.v1.Refreshed.$Shape
             */

            /**
             * Constructs a new Refreshed.
             * @memberof danmaku.v1
             * @classdesc Represents a Refreshed.
             * @constructor
             * @param {danmaku.v1.Refreshed.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Refreshed = function (properties) {
                this.leftRooms = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Refreshed code.
             * @member {danmaku.v1.ErrorCode} code
             * @memberof danmaku.v1.Refreshed
             * @instance
             */
            Refreshed.prototype.code = 0;

            /**
             * Refreshed message.
             * @member {string} message
             * @memberof danmaku.v1.Refreshed
             * @instance
             */
            Refreshed.prototype.message = "";

            /**
             * Refreshed tokenExpiresAtMs.
             * @member {number} tokenExpiresAtMs
             * @memberof danmaku.v1.Refreshed
             * @instance
             */
            Refreshed.prototype.tokenExpiresAtMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Refreshed serverTimeMs.
             * @member {number} serverTimeMs
             * @memberof danmaku.v1.Refreshed
             * @instance
             */
            Refreshed.prototype.serverTimeMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Refreshed leftRooms.
             * @member {Array.<string>} leftRooms
             * @memberof danmaku.v1.Refreshed
             * @instance
             */
            Refreshed.prototype.leftRooms = $util.emptyArray;

            /**
             * Creates a new Refreshed instance using the specified properties.
             * @function create
             * @memberof danmaku.v1.Refreshed
             * @static
             * @param {danmaku.v1.Refreshed.$Properties=} [properties] Properties to set
             * @returns {danmaku.v1.Refreshed} Refreshed instance
             * @type {{
             *   (properties: danmaku.v1.Refreshed.$Shape): danmaku.v1.Refreshed & danmaku.v1.Refreshed.$Shape;
             *   (properties?: danmaku.v1.Refreshed.$Properties): danmaku.v1.Refreshed;
             * }}
             */
            Refreshed.create = function(properties) {
                return new Refreshed(properties);
            };

            /**
             * Encodes the specified Refreshed message. Does not implicitly {@link danmaku.v1.Refreshed.verify|verify} messages.
             * @function encode
             * @memberof danmaku.v1.Refreshed
             * @static
             * @param {danmaku.v1.Refreshed.$Properties} message Refreshed message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Refreshed.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.code);
                if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.message);
                if (message.tokenExpiresAtMs != null && $Object.hasOwnProperty.call(message, "tokenExpiresAtMs") && (typeof message.tokenExpiresAtMs === "object" ? message.tokenExpiresAtMs.low || message.tokenExpiresAtMs.high : message.tokenExpiresAtMs !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.tokenExpiresAtMs);
                if (message.serverTimeMs != null && $Object.hasOwnProperty.call(message, "serverTimeMs") && (typeof message.serverTimeMs === "object" ? message.serverTimeMs.low || message.serverTimeMs.high : message.serverTimeMs !== 0))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.serverTimeMs);
                if (message.leftRooms != null && message.leftRooms.length)
                    for (let i = 0; i < message.leftRooms.length; ++i)
                        writer.uint32(/* id 5, wireType 2 =*/42).string(message.leftRooms[i]);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Refreshed message from the specified reader or buffer.
             * @function decode
             * @memberof danmaku.v1.Refreshed
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {danmaku.v1.Refreshed & danmaku.v1.Refreshed.$Shape} Refreshed
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Refreshed.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.danmaku.v1.Refreshed();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.code = value;
                            else
                                delete message.code;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.message = value;
                            else
                                delete message.message;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.tokenExpiresAtMs = value;
                            else
                                delete message.tokenExpiresAtMs;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.serverTimeMs = value;
                            else
                                delete message.serverTimeMs;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if (!(message.leftRooms && message.leftRooms.length))
                                message.leftRooms = [];
                            message.leftRooms.push(reader.stringVerify());
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Refreshed;
        })();

        v1.Joined = (function() {

            /**
             * Properties of a Joined.
             * @typedef {Object} danmaku.v1.Joined.$Properties
             * @property {string|null} [room] Joined room
             * @property {string|null} [epoch] Joined epoch
             * @property {number|null} [lastSeq] Joined lastSeq
             * @property {number|null} [viewers] Joined viewers
             * @property {boolean|null} [resumed] Joined resumed
             * @property {boolean|null} [gap] Joined gap
             * @property {number|null} [roomAlias] Joined roomAlias
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Joined.
             * @memberof danmaku.v1
             * @interface IJoined
             * @augments danmaku.v1.Joined.$Properties
             * @deprecated Use danmaku.v1.Joined.$Properties instead.
             */

            /**
             * Shape of a Joined.
             * @typedef {danmaku.v1.Joined.$Properties} danmaku.v1.Joined.$Shape
             */

            /**
             * Constructs a new Joined.
             * @memberof danmaku.v1
             * @classdesc Represents a Joined.
             * @constructor
             * @param {danmaku.v1.Joined.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Joined = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Joined room.
             * @member {string} room
             * @memberof danmaku.v1.Joined
             * @instance
             */
            Joined.prototype.room = "";

            /**
             * Joined epoch.
             * @member {string} epoch
             * @memberof danmaku.v1.Joined
             * @instance
             */
            Joined.prototype.epoch = "";

            /**
             * Joined lastSeq.
             * @member {number} lastSeq
             * @memberof danmaku.v1.Joined
             * @instance
             */
            Joined.prototype.lastSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Joined viewers.
             * @member {number} viewers
             * @memberof danmaku.v1.Joined
             * @instance
             */
            Joined.prototype.viewers = 0;

            /**
             * Joined resumed.
             * @member {boolean} resumed
             * @memberof danmaku.v1.Joined
             * @instance
             */
            Joined.prototype.resumed = false;

            /**
             * Joined gap.
             * @member {boolean} gap
             * @memberof danmaku.v1.Joined
             * @instance
             */
            Joined.prototype.gap = false;

            /**
             * Joined roomAlias.
             * @member {number} roomAlias
             * @memberof danmaku.v1.Joined
             * @instance
             */
            Joined.prototype.roomAlias = 0;

            /**
             * Creates a new Joined instance using the specified properties.
             * @function create
             * @memberof danmaku.v1.Joined
             * @static
             * @param {danmaku.v1.Joined.$Properties=} [properties] Properties to set
             * @returns {danmaku.v1.Joined} Joined instance
             * @type {{
             *   (properties: danmaku.v1.Joined.$Shape): danmaku.v1.Joined & danmaku.v1.Joined.$Shape;
             *   (properties?: danmaku.v1.Joined.$Properties): danmaku.v1.Joined;
             * }}
             */
            Joined.create = function(properties) {
                return new Joined(properties);
            };

            /**
             * Encodes the specified Joined message. Does not implicitly {@link danmaku.v1.Joined.verify|verify} messages.
             * @function encode
             * @memberof danmaku.v1.Joined
             * @static
             * @param {danmaku.v1.Joined.$Properties} message Joined message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Joined.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.room != null && $Object.hasOwnProperty.call(message, "room") && message.room !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.room);
                if (message.epoch != null && $Object.hasOwnProperty.call(message, "epoch") && message.epoch !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.epoch);
                if (message.lastSeq != null && $Object.hasOwnProperty.call(message, "lastSeq") && (typeof message.lastSeq === "object" ? message.lastSeq.low || message.lastSeq.high : message.lastSeq !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.lastSeq);
                if (message.viewers != null && $Object.hasOwnProperty.call(message, "viewers") && message.viewers !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.viewers);
                if (message.resumed != null && $Object.hasOwnProperty.call(message, "resumed") && message.resumed !== false)
                    writer.uint32(/* id 5, wireType 0 =*/40).bool(message.resumed);
                if (message.gap != null && $Object.hasOwnProperty.call(message, "gap") && message.gap !== false)
                    writer.uint32(/* id 6, wireType 0 =*/48).bool(message.gap);
                if (message.roomAlias != null && $Object.hasOwnProperty.call(message, "roomAlias") && message.roomAlias !== 0)
                    writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.roomAlias);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Joined message from the specified reader or buffer.
             * @function decode
             * @memberof danmaku.v1.Joined
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {danmaku.v1.Joined & danmaku.v1.Joined.$Shape} Joined
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Joined.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.danmaku.v1.Joined();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.room = value;
                            else
                                delete message.room;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.epoch = value;
                            else
                                delete message.epoch;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.lastSeq = value;
                            else
                                delete message.lastSeq;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.viewers = value;
                            else
                                delete message.viewers;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.resumed = value;
                            else
                                delete message.resumed;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.gap = value;
                            else
                                delete message.gap;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.roomAlias = value;
                            else
                                delete message.roomAlias;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Joined;
        })();

        v1.Batch = (function() {

            /**
             * Properties of a Batch.
             * @typedef {Object} danmaku.v1.Batch.$Properties
             * @property {string|null} [room] Batch room
             * @property {Array.<danmaku.v1.Danmaku.$Properties>|null} [items] Batch items
             * @property {string|null} [epoch] Batch epoch
             * @property {number|null} [seq] Batch seq
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Batch.
             * @memberof danmaku.v1
             * @interface IBatch
             * @augments danmaku.v1.Batch.$Properties
             * @deprecated Use danmaku.v1.Batch.$Properties instead.
             */

            /**
             * Shape of a Batch.
             * @typedef {danmaku.v1.Batch.$Properties} danmaku.v1.Batch.$Shape
             */

            /**
             * Constructs a new Batch.
             * @memberof danmaku.v1
             * @classdesc Represents a Batch.
             * @constructor
             * @param {danmaku.v1.Batch.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Batch = function (properties) {
                this.items = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Batch room.
             * @member {string} room
             * @memberof danmaku.v1.Batch
             * @instance
             */
            Batch.prototype.room = "";

            /**
             * Batch items.
             * @member {Array.<danmaku.v1.Danmaku.$Properties>} items
             * @memberof danmaku.v1.Batch
             * @instance
             */
            Batch.prototype.items = $util.emptyArray;

            /**
             * Batch epoch.
             * @member {string} epoch
             * @memberof danmaku.v1.Batch
             * @instance
             */
            Batch.prototype.epoch = "";

            /**
             * Batch seq.
             * @member {number} seq
             * @memberof danmaku.v1.Batch
             * @instance
             */
            Batch.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Batch instance using the specified properties.
             * @function create
             * @memberof danmaku.v1.Batch
             * @static
             * @param {danmaku.v1.Batch.$Properties=} [properties] Properties to set
             * @returns {danmaku.v1.Batch} Batch instance
             * @type {{
             *   (properties: danmaku.v1.Batch.$Shape): danmaku.v1.Batch & danmaku.v1.Batch.$Shape;
             *   (properties?: danmaku.v1.Batch.$Properties): danmaku.v1.Batch;
             * }}
             */
            Batch.create = function(properties) {
                return new Batch(properties);
            };

            /**
             * Encodes the specified Batch message. Does not implicitly {@link danmaku.v1.Batch.verify|verify} messages.
             * @function encode
             * @memberof danmaku.v1.Batch
             * @static
             * @param {danmaku.v1.Batch.$Properties} message Batch message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Batch.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.room != null && $Object.hasOwnProperty.call(message, "room") && message.room !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.room);
                if (message.items != null && message.items.length)
                    for (let i = 0; i < message.items.length; ++i)
                        $root.danmaku.v1.Danmaku.encode(message.items[i], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.epoch != null && $Object.hasOwnProperty.call(message, "epoch") && message.epoch !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.epoch);
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && (typeof message.seq === "object" ? message.seq.low || message.seq.high : message.seq !== 0))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.seq);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Batch message from the specified reader or buffer.
             * @function decode
             * @memberof danmaku.v1.Batch
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {danmaku.v1.Batch & danmaku.v1.Batch.$Shape} Batch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Batch.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.danmaku.v1.Batch();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.room = value;
                            else
                                delete message.room;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if (!(message.items && message.items.length))
                                message.items = [];
                            message.items.push($root.danmaku.v1.Danmaku.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.epoch = value;
                            else
                                delete message.epoch;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.seq = value;
                            else
                                delete message.seq;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Batch;
        })();

        v1.Danmaku = (function() {

            /**
             * Properties of a Danmaku.
             * @typedef {Object} danmaku.v1.Danmaku.$Properties
             * @property {string|null} [id] Danmaku id
             * @property {string|null} [userId] Danmaku userId
             * @property {string|null} [userName] Danmaku userName
             * @property {string|null} [text] Danmaku text
             * @property {number|null} [color] Danmaku color
             * @property {danmaku.v1.Mode|null} [mode] Danmaku mode
             * @property {number|null} [sentAtMs] Danmaku sentAtMs
             * @property {number|null} [priority] Danmaku priority
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Danmaku.
             * @memberof danmaku.v1
             * @interface IDanmaku
             * @augments danmaku.v1.Danmaku.$Properties
             * @deprecated Use danmaku.v1.Danmaku.$Properties instead.
             */

            /**
             * Shape of a Danmaku.
             * @typedef {danmaku.v1.Danmaku.$Properties} danmaku.v1.Danmaku.$Shape
             */

            /**
             * Constructs a new Danmaku.
             * @memberof danmaku.v1
             * @classdesc Represents a Danmaku.
             * @constructor
             * @param {danmaku.v1.Danmaku.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Danmaku = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Danmaku id.
             * @member {string} id
             * @memberof danmaku.v1.Danmaku
             * @instance
             */
            Danmaku.prototype.id = "";

            /**
             * Danmaku userId.
             * @member {string} userId
             * @memberof danmaku.v1.Danmaku
             * @instance
             */
            Danmaku.prototype.userId = "";

            /**
             * Danmaku userName.
             * @member {string} userName
             * @memberof danmaku.v1.Danmaku
             * @instance
             */
            Danmaku.prototype.userName = "";

            /**
             * Danmaku text.
             * @member {string} text
             * @memberof danmaku.v1.Danmaku
             * @instance
             */
            Danmaku.prototype.text = "";

            /**
             * Danmaku color.
             * @member {number} color
             * @memberof danmaku.v1.Danmaku
             * @instance
             */
            Danmaku.prototype.color = 0;

            /**
             * Danmaku mode.
             * @member {danmaku.v1.Mode} mode
             * @memberof danmaku.v1.Danmaku
             * @instance
             */
            Danmaku.prototype.mode = 0;

            /**
             * Danmaku sentAtMs.
             * @member {number} sentAtMs
             * @memberof danmaku.v1.Danmaku
             * @instance
             */
            Danmaku.prototype.sentAtMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Danmaku priority.
             * @member {number} priority
             * @memberof danmaku.v1.Danmaku
             * @instance
             */
            Danmaku.prototype.priority = 0;

            /**
             * Creates a new Danmaku instance using the specified properties.
             * @function create
             * @memberof danmaku.v1.Danmaku
             * @static
             * @param {danmaku.v1.Danmaku.$Properties=} [properties] Properties to set
             * @returns {danmaku.v1.Danmaku} Danmaku instance
             * @type {{
             *   (properties: danmaku.v1.Danmaku.$Shape): danmaku.v1.Danmaku & danmaku.v1.Danmaku.$Shape;
             *   (properties?: danmaku.v1.Danmaku.$Properties): danmaku.v1.Danmaku;
             * }}
             */
            Danmaku.create = function(properties) {
                return new Danmaku(properties);
            };

            /**
             * Encodes the specified Danmaku message. Does not implicitly {@link danmaku.v1.Danmaku.verify|verify} messages.
             * @function encode
             * @memberof danmaku.v1.Danmaku
             * @static
             * @param {danmaku.v1.Danmaku.$Properties} message Danmaku message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Danmaku.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.id != null && $Object.hasOwnProperty.call(message, "id") && message.id !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.id);
                if (message.userId != null && $Object.hasOwnProperty.call(message, "userId") && message.userId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.userId);
                if (message.userName != null && $Object.hasOwnProperty.call(message, "userName") && message.userName !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.userName);
                if (message.text != null && $Object.hasOwnProperty.call(message, "text") && message.text !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.text);
                if (message.color != null && $Object.hasOwnProperty.call(message, "color") && message.color !== 0)
                    writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.color);
                if (message.mode != null && $Object.hasOwnProperty.call(message, "mode") && message.mode !== 0)
                    writer.uint32(/* id 6, wireType 0 =*/48).int32(message.mode);
                if (message.sentAtMs != null && $Object.hasOwnProperty.call(message, "sentAtMs") && (typeof message.sentAtMs === "object" ? message.sentAtMs.low || message.sentAtMs.high : message.sentAtMs !== 0))
                    writer.uint32(/* id 7, wireType 0 =*/56).uint64(message.sentAtMs);
                if (message.priority != null && $Object.hasOwnProperty.call(message, "priority") && message.priority !== 0)
                    writer.uint32(/* id 8, wireType 0 =*/64).uint32(message.priority);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Danmaku message from the specified reader or buffer.
             * @function decode
             * @memberof danmaku.v1.Danmaku
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {danmaku.v1.Danmaku & danmaku.v1.Danmaku.$Shape} Danmaku
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Danmaku.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.danmaku.v1.Danmaku();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.id = value;
                            else
                                delete message.id;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.userId = value;
                            else
                                delete message.userId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.userName = value;
                            else
                                delete message.userName;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.text = value;
                            else
                                delete message.text;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.color = value;
                            else
                                delete message.color;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.mode = value;
                            else
                                delete message.mode;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.sentAtMs = value;
                            else
                                delete message.sentAtMs;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.priority = value;
                            else
                                delete message.priority;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Danmaku;
        })();

        v1.Deflated = (function() {

            /**
             * Properties of a Deflated.
             * @typedef {Object} danmaku.v1.Deflated.$Properties
             * @property {Uint8Array|null} [data] Deflated data
             * @property {number|null} [size] Deflated size
             * @property {number|null} [dictionary] Deflated dictionary
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Deflated.
             * @memberof danmaku.v1
             * @interface IDeflated
             * @augments danmaku.v1.Deflated.$Properties
             * @deprecated Use danmaku.v1.Deflated.$Properties instead.
             */

            /**
             * Shape of a Deflated.
             * @typedef {danmaku.v1.Deflated.$Properties} danmaku.v1.Deflated.$Shape
             */

            /**
             * Constructs a new Deflated.
             * @memberof danmaku.v1
             * @classdesc Represents a Deflated.
             * @constructor
             * @param {danmaku.v1.Deflated.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Deflated = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Deflated data.
             * @member {Uint8Array} data
             * @memberof danmaku.v1.Deflated
             * @instance
             */
            Deflated.prototype.data = $util.newBuffer([]);

            /**
             * Deflated size.
             * @member {number} size
             * @memberof danmaku.v1.Deflated
             * @instance
             */
            Deflated.prototype.size = 0;

            /**
             * Deflated dictionary.
             * @member {number} dictionary
             * @memberof danmaku.v1.Deflated
             * @instance
             */
            Deflated.prototype.dictionary = 0;

            /**
             * Creates a new Deflated instance using the specified properties.
             * @function create
             * @memberof danmaku.v1.Deflated
             * @static
             * @param {danmaku.v1.Deflated.$Properties=} [properties] Properties to set
             * @returns {danmaku.v1.Deflated} Deflated instance
             * @type {{
             *   (properties: danmaku.v1.Deflated.$Shape): danmaku.v1.Deflated & danmaku.v1.Deflated.$Shape;
             *   (properties?: danmaku.v1.Deflated.$Properties): danmaku.v1.Deflated;
             * }}
             */
            Deflated.create = function(properties) {
                return new Deflated(properties);
            };

            /**
             * Encodes the specified Deflated message. Does not implicitly {@link danmaku.v1.Deflated.verify|verify} messages.
             * @function encode
             * @memberof danmaku.v1.Deflated
             * @static
             * @param {danmaku.v1.Deflated.$Properties} message Deflated message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Deflated.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.data != null && $Object.hasOwnProperty.call(message, "data") && message.data.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.data);
                if (message.size != null && $Object.hasOwnProperty.call(message, "size") && message.size !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.size);
                if (message.dictionary != null && $Object.hasOwnProperty.call(message, "dictionary") && message.dictionary !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.dictionary);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Deflated message from the specified reader or buffer.
             * @function decode
             * @memberof danmaku.v1.Deflated
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {danmaku.v1.Deflated & danmaku.v1.Deflated.$Shape} Deflated
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Deflated.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.danmaku.v1.Deflated();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.data = value;
                            else
                                delete message.data;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.size = value;
                            else
                                delete message.size;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.dictionary = value;
                            else
                                delete message.dictionary;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Deflated;
        })();

        v1.CompactBatch = (function() {

            /**
             * Properties of a CompactBatch.
             * @typedef {Object} danmaku.v1.CompactBatch.$Properties
             * @property {number|null} [roomAlias] CompactBatch roomAlias
             * @property {number|null} [seq] CompactBatch seq
             * @property {string|null} [epoch] CompactBatch epoch
             * @property {number|null} [baseTimeMs] CompactBatch baseTimeMs
             * @property {Array.<danmaku.v1.CompactDanmaku.$Properties>|null} [items] CompactBatch items
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a CompactBatch.
             * @memberof danmaku.v1
             * @interface ICompactBatch
             * @augments danmaku.v1.CompactBatch.$Properties
             * @deprecated Use danmaku.v1.CompactBatch.$Properties instead.
             */

            /**
             * Shape of a CompactBatch.
             * @typedef {danmaku.v1.CompactBatch.$Properties} danmaku.v1.CompactBatch.$Shape
             */

            /**
             * Constructs a new CompactBatch.
             * @memberof danmaku.v1
             * @classdesc Represents a CompactBatch.
             * @constructor
             * @param {danmaku.v1.CompactBatch.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const CompactBatch = function (properties) {
                this.items = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * CompactBatch roomAlias.
             * @member {number} roomAlias
             * @memberof danmaku.v1.CompactBatch
             * @instance
             */
            CompactBatch.prototype.roomAlias = 0;

            /**
             * CompactBatch seq.
             * @member {number} seq
             * @memberof danmaku.v1.CompactBatch
             * @instance
             */
            CompactBatch.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * CompactBatch epoch.
             * @member {string} epoch
             * @memberof danmaku.v1.CompactBatch
             * @instance
             */
            CompactBatch.prototype.epoch = "";

            /**
             * CompactBatch baseTimeMs.
             * @member {number} baseTimeMs
             * @memberof danmaku.v1.CompactBatch
             * @instance
             */
            CompactBatch.prototype.baseTimeMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * CompactBatch items.
             * @member {Array.<danmaku.v1.CompactDanmaku.$Properties>} items
             * @memberof danmaku.v1.CompactBatch
             * @instance
             */
            CompactBatch.prototype.items = $util.emptyArray;

            /**
             * Creates a new CompactBatch instance using the specified properties.
             * @function create
             * @memberof danmaku.v1.CompactBatch
             * @static
             * @param {danmaku.v1.CompactBatch.$Properties=} [properties] Properties to set
             * @returns {danmaku.v1.CompactBatch} CompactBatch instance
             * @type {{
             *   (properties: danmaku.v1.CompactBatch.$Shape): danmaku.v1.CompactBatch & danmaku.v1.CompactBatch.$Shape;
             *   (properties?: danmaku.v1.CompactBatch.$Properties): danmaku.v1.CompactBatch;
             * }}
             */
            CompactBatch.create = function(properties) {
                return new CompactBatch(properties);
            };

            /**
             * Encodes the specified CompactBatch message. Does not implicitly {@link danmaku.v1.CompactBatch.verify|verify} messages.
             * @function encode
             * @memberof danmaku.v1.CompactBatch
             * @static
             * @param {danmaku.v1.CompactBatch.$Properties} message CompactBatch message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            CompactBatch.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.roomAlias != null && $Object.hasOwnProperty.call(message, "roomAlias") && message.roomAlias !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.roomAlias);
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && (typeof message.seq === "object" ? message.seq.low || message.seq.high : message.seq !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.seq);
                if (message.epoch != null && $Object.hasOwnProperty.call(message, "epoch") && message.epoch !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.epoch);
                if (message.baseTimeMs != null && $Object.hasOwnProperty.call(message, "baseTimeMs") && (typeof message.baseTimeMs === "object" ? message.baseTimeMs.low || message.baseTimeMs.high : message.baseTimeMs !== 0))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.baseTimeMs);
                if (message.items != null && message.items.length)
                    for (let i = 0; i < message.items.length; ++i)
                        $root.danmaku.v1.CompactDanmaku.encode(message.items[i], writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a CompactBatch message from the specified reader or buffer.
             * @function decode
             * @memberof danmaku.v1.CompactBatch
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {danmaku.v1.CompactBatch & danmaku.v1.CompactBatch.$Shape} CompactBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            CompactBatch.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.danmaku.v1.CompactBatch();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.roomAlias = value;
                            else
                                delete message.roomAlias;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.seq = value;
                            else
                                delete message.seq;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.epoch = value;
                            else
                                delete message.epoch;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.baseTimeMs = value;
                            else
                                delete message.baseTimeMs;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if (!(message.items && message.items.length))
                                message.items = [];
                            message.items.push($root.danmaku.v1.CompactDanmaku.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return CompactBatch;
        })();

        v1.CompactDanmaku = (function() {

            /**
             * Properties of a CompactDanmaku.
             * @typedef {Object} danmaku.v1.CompactDanmaku.$Properties
             * @property {string|null} [id] CompactDanmaku id
             * @property {number|null} [userNumber] CompactDanmaku userNumber
             * @property {string|null} [userId] CompactDanmaku userId
             * @property {string|null} [userName] CompactDanmaku userName
             * @property {string|null} [text] CompactDanmaku text
             * @property {number|null} [colorXorWhite] CompactDanmaku colorXorWhite
             * @property {danmaku.v1.Mode|null} [mode] CompactDanmaku mode
             * @property {number|null} [timeDeltaMs] CompactDanmaku timeDeltaMs
             * @property {number|null} [priority] CompactDanmaku priority
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a CompactDanmaku.
             * @memberof danmaku.v1
             * @interface ICompactDanmaku
             * @augments danmaku.v1.CompactDanmaku.$Properties
             * @deprecated Use danmaku.v1.CompactDanmaku.$Properties instead.
             */

            /**
             * Shape of a CompactDanmaku.
             * @typedef {danmaku.v1.CompactDanmaku.$Properties} danmaku.v1.CompactDanmaku.$Shape
             */

            /**
             * Constructs a new CompactDanmaku.
             * @memberof danmaku.v1
             * @classdesc Represents a CompactDanmaku.
             * @constructor
             * @param {danmaku.v1.CompactDanmaku.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const CompactDanmaku = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * CompactDanmaku id.
             * @member {string} id
             * @memberof danmaku.v1.CompactDanmaku
             * @instance
             */
            CompactDanmaku.prototype.id = "";

            /**
             * CompactDanmaku userNumber.
             * @member {number} userNumber
             * @memberof danmaku.v1.CompactDanmaku
             * @instance
             */
            CompactDanmaku.prototype.userNumber = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * CompactDanmaku userId.
             * @member {string} userId
             * @memberof danmaku.v1.CompactDanmaku
             * @instance
             */
            CompactDanmaku.prototype.userId = "";

            /**
             * CompactDanmaku userName.
             * @member {string} userName
             * @memberof danmaku.v1.CompactDanmaku
             * @instance
             */
            CompactDanmaku.prototype.userName = "";

            /**
             * CompactDanmaku text.
             * @member {string} text
             * @memberof danmaku.v1.CompactDanmaku
             * @instance
             */
            CompactDanmaku.prototype.text = "";

            /**
             * CompactDanmaku colorXorWhite.
             * @member {number} colorXorWhite
             * @memberof danmaku.v1.CompactDanmaku
             * @instance
             */
            CompactDanmaku.prototype.colorXorWhite = 0;

            /**
             * CompactDanmaku mode.
             * @member {danmaku.v1.Mode} mode
             * @memberof danmaku.v1.CompactDanmaku
             * @instance
             */
            CompactDanmaku.prototype.mode = 0;

            /**
             * CompactDanmaku timeDeltaMs.
             * @member {number} timeDeltaMs
             * @memberof danmaku.v1.CompactDanmaku
             * @instance
             */
            CompactDanmaku.prototype.timeDeltaMs = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * CompactDanmaku priority.
             * @member {number} priority
             * @memberof danmaku.v1.CompactDanmaku
             * @instance
             */
            CompactDanmaku.prototype.priority = 0;

            /**
             * Creates a new CompactDanmaku instance using the specified properties.
             * @function create
             * @memberof danmaku.v1.CompactDanmaku
             * @static
             * @param {danmaku.v1.CompactDanmaku.$Properties=} [properties] Properties to set
             * @returns {danmaku.v1.CompactDanmaku} CompactDanmaku instance
             * @type {{
             *   (properties: danmaku.v1.CompactDanmaku.$Shape): danmaku.v1.CompactDanmaku & danmaku.v1.CompactDanmaku.$Shape;
             *   (properties?: danmaku.v1.CompactDanmaku.$Properties): danmaku.v1.CompactDanmaku;
             * }}
             */
            CompactDanmaku.create = function(properties) {
                return new CompactDanmaku(properties);
            };

            /**
             * Encodes the specified CompactDanmaku message. Does not implicitly {@link danmaku.v1.CompactDanmaku.verify|verify} messages.
             * @function encode
             * @memberof danmaku.v1.CompactDanmaku
             * @static
             * @param {danmaku.v1.CompactDanmaku.$Properties} message CompactDanmaku message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            CompactDanmaku.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.id != null && $Object.hasOwnProperty.call(message, "id") && message.id !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.id);
                if (message.userNumber != null && $Object.hasOwnProperty.call(message, "userNumber") && (typeof message.userNumber === "object" ? message.userNumber.low || message.userNumber.high : message.userNumber !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.userNumber);
                if (message.userId != null && $Object.hasOwnProperty.call(message, "userId") && message.userId !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.userId);
                if (message.userName != null && $Object.hasOwnProperty.call(message, "userName") && message.userName !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.userName);
                if (message.text != null && $Object.hasOwnProperty.call(message, "text") && message.text !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.text);
                if (message.colorXorWhite != null && $Object.hasOwnProperty.call(message, "colorXorWhite") && message.colorXorWhite !== 0)
                    writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.colorXorWhite);
                if (message.mode != null && $Object.hasOwnProperty.call(message, "mode") && message.mode !== 0)
                    writer.uint32(/* id 7, wireType 0 =*/56).int32(message.mode);
                if (message.timeDeltaMs != null && $Object.hasOwnProperty.call(message, "timeDeltaMs") && (typeof message.timeDeltaMs === "object" ? message.timeDeltaMs.low || message.timeDeltaMs.high : message.timeDeltaMs !== 0))
                    writer.uint32(/* id 8, wireType 0 =*/64).sint64(message.timeDeltaMs);
                if (message.priority != null && $Object.hasOwnProperty.call(message, "priority") && message.priority !== 0)
                    writer.uint32(/* id 9, wireType 0 =*/72).uint32(message.priority);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a CompactDanmaku message from the specified reader or buffer.
             * @function decode
             * @memberof danmaku.v1.CompactDanmaku
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {danmaku.v1.CompactDanmaku & danmaku.v1.CompactDanmaku.$Shape} CompactDanmaku
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            CompactDanmaku.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.danmaku.v1.CompactDanmaku();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.id = value;
                            else
                                delete message.id;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.userNumber = value;
                            else
                                delete message.userNumber;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.userId = value;
                            else
                                delete message.userId;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.userName = value;
                            else
                                delete message.userName;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.text = value;
                            else
                                delete message.text;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.colorXorWhite = value;
                            else
                                delete message.colorXorWhite;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.mode = value;
                            else
                                delete message.mode;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.sint64()) === "object" ? value.low || value.high : value !== 0)
                                message.timeDeltaMs = value;
                            else
                                delete message.timeDeltaMs;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.priority = value;
                            else
                                delete message.priority;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return CompactDanmaku;
        })();

        v1.Ack = (function() {

            /**
             * Properties of an Ack.
             * @typedef {Object} danmaku.v1.Ack.$Properties
             * @property {string|null} [clientMsgId] Ack clientMsgId
             * @property {boolean|null} [ok] Ack ok
             * @property {danmaku.v1.ErrorCode|null} [code] Ack code
             * @property {number|null} [seq] Ack seq
             * @property {string|null} [id] Ack id
             * @property {number|null} [retryAfterMs] Ack retryAfterMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Ack.
             * @memberof danmaku.v1
             * @interface IAck
             * @augments danmaku.v1.Ack.$Properties
             * @deprecated Use danmaku.v1.Ack.$Properties instead.
             */

            /**
             * Shape of an Ack.
             * @typedef {danmaku.v1.Ack.$Properties} danmaku.v1.Ack.$Shape
             */

            /**
             * Constructs a new Ack.
             * @memberof danmaku.v1
             * @classdesc Represents an Ack.
             * @constructor
             * @param {danmaku.v1.Ack.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Ack = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Ack clientMsgId.
             * @member {string} clientMsgId
             * @memberof danmaku.v1.Ack
             * @instance
             */
            Ack.prototype.clientMsgId = "";

            /**
             * Ack ok.
             * @member {boolean} ok
             * @memberof danmaku.v1.Ack
             * @instance
             */
            Ack.prototype.ok = false;

            /**
             * Ack code.
             * @member {danmaku.v1.ErrorCode} code
             * @memberof danmaku.v1.Ack
             * @instance
             */
            Ack.prototype.code = 0;

            /**
             * Ack seq.
             * @member {number} seq
             * @memberof danmaku.v1.Ack
             * @instance
             */
            Ack.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Ack id.
             * @member {string} id
             * @memberof danmaku.v1.Ack
             * @instance
             */
            Ack.prototype.id = "";

            /**
             * Ack retryAfterMs.
             * @member {number} retryAfterMs
             * @memberof danmaku.v1.Ack
             * @instance
             */
            Ack.prototype.retryAfterMs = 0;

            /**
             * Creates a new Ack instance using the specified properties.
             * @function create
             * @memberof danmaku.v1.Ack
             * @static
             * @param {danmaku.v1.Ack.$Properties=} [properties] Properties to set
             * @returns {danmaku.v1.Ack} Ack instance
             * @type {{
             *   (properties: danmaku.v1.Ack.$Shape): danmaku.v1.Ack & danmaku.v1.Ack.$Shape;
             *   (properties?: danmaku.v1.Ack.$Properties): danmaku.v1.Ack;
             * }}
             */
            Ack.create = function(properties) {
                return new Ack(properties);
            };

            /**
             * Encodes the specified Ack message. Does not implicitly {@link danmaku.v1.Ack.verify|verify} messages.
             * @function encode
             * @memberof danmaku.v1.Ack
             * @static
             * @param {danmaku.v1.Ack.$Properties} message Ack message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Ack.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.clientMsgId != null && $Object.hasOwnProperty.call(message, "clientMsgId") && message.clientMsgId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.clientMsgId);
                if (message.ok != null && $Object.hasOwnProperty.call(message, "ok") && message.ok !== false)
                    writer.uint32(/* id 2, wireType 0 =*/16).bool(message.ok);
                if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).int32(message.code);
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && (typeof message.seq === "object" ? message.seq.low || message.seq.high : message.seq !== 0))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.seq);
                if (message.id != null && $Object.hasOwnProperty.call(message, "id") && message.id !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.id);
                if (message.retryAfterMs != null && $Object.hasOwnProperty.call(message, "retryAfterMs") && message.retryAfterMs !== 0)
                    writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.retryAfterMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an Ack message from the specified reader or buffer.
             * @function decode
             * @memberof danmaku.v1.Ack
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {danmaku.v1.Ack & danmaku.v1.Ack.$Shape} Ack
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Ack.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.danmaku.v1.Ack();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.clientMsgId = value;
                            else
                                delete message.clientMsgId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.ok = value;
                            else
                                delete message.ok;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.code = value;
                            else
                                delete message.code;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.seq = value;
                            else
                                delete message.seq;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.id = value;
                            else
                                delete message.id;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.retryAfterMs = value;
                            else
                                delete message.retryAfterMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Ack;
        })();

        v1.Pong = (function() {

            /**
             * Properties of a Pong.
             * @typedef {Object} danmaku.v1.Pong.$Properties
             * @property {number|null} [clientTimeMs] Pong clientTimeMs
             * @property {number|null} [serverTimeMs] Pong serverTimeMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Pong.
             * @memberof danmaku.v1
             * @interface IPong
             * @augments danmaku.v1.Pong.$Properties
             * @deprecated Use danmaku.v1.Pong.$Properties instead.
             */

            /**
             * Shape of a Pong.
             * @typedef {danmaku.v1.Pong.$Properties} danmaku.v1.Pong.$Shape
             */

            /**
             * Constructs a new Pong.
             * @memberof danmaku.v1
             * @classdesc Represents a Pong.
             * @constructor
             * @param {danmaku.v1.Pong.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Pong = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Pong clientTimeMs.
             * @member {number} clientTimeMs
             * @memberof danmaku.v1.Pong
             * @instance
             */
            Pong.prototype.clientTimeMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Pong serverTimeMs.
             * @member {number} serverTimeMs
             * @memberof danmaku.v1.Pong
             * @instance
             */
            Pong.prototype.serverTimeMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Pong instance using the specified properties.
             * @function create
             * @memberof danmaku.v1.Pong
             * @static
             * @param {danmaku.v1.Pong.$Properties=} [properties] Properties to set
             * @returns {danmaku.v1.Pong} Pong instance
             * @type {{
             *   (properties: danmaku.v1.Pong.$Shape): danmaku.v1.Pong & danmaku.v1.Pong.$Shape;
             *   (properties?: danmaku.v1.Pong.$Properties): danmaku.v1.Pong;
             * }}
             */
            Pong.create = function(properties) {
                return new Pong(properties);
            };

            /**
             * Encodes the specified Pong message. Does not implicitly {@link danmaku.v1.Pong.verify|verify} messages.
             * @function encode
             * @memberof danmaku.v1.Pong
             * @static
             * @param {danmaku.v1.Pong.$Properties} message Pong message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Pong.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.clientTimeMs != null && $Object.hasOwnProperty.call(message, "clientTimeMs") && (typeof message.clientTimeMs === "object" ? message.clientTimeMs.low || message.clientTimeMs.high : message.clientTimeMs !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.clientTimeMs);
                if (message.serverTimeMs != null && $Object.hasOwnProperty.call(message, "serverTimeMs") && (typeof message.serverTimeMs === "object" ? message.serverTimeMs.low || message.serverTimeMs.high : message.serverTimeMs !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.serverTimeMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Pong message from the specified reader or buffer.
             * @function decode
             * @memberof danmaku.v1.Pong
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {danmaku.v1.Pong & danmaku.v1.Pong.$Shape} Pong
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Pong.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.danmaku.v1.Pong();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.clientTimeMs = value;
                            else
                                delete message.clientTimeMs;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.serverTimeMs = value;
                            else
                                delete message.serverTimeMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Pong;
        })();

        v1.Recall = (function() {

            /**
             * Properties of a Recall.
             * @typedef {Object} danmaku.v1.Recall.$Properties
             * @property {string|null} [room] Recall room
             * @property {Array.<string>|null} [ids] Recall ids
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Recall.
             * @memberof danmaku.v1
             * @interface IRecall
             * @augments danmaku.v1.Recall.$Properties
             * @deprecated Use danmaku.v1.Recall.$Properties instead.
             */

            /**
             * Shape of a Recall.
             * @typedef {danmaku.v1.Recall.$Properties} danmaku.v1.Recall.$Shape
             */

            /**
             * Constructs a new Recall.
             * @memberof danmaku.v1
             * @classdesc Represents a Recall.
             * @constructor
             * @param {danmaku.v1.Recall.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Recall = function (properties) {
                this.ids = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Recall room.
             * @member {string} room
             * @memberof danmaku.v1.Recall
             * @instance
             */
            Recall.prototype.room = "";

            /**
             * Recall ids.
             * @member {Array.<string>} ids
             * @memberof danmaku.v1.Recall
             * @instance
             */
            Recall.prototype.ids = $util.emptyArray;

            /**
             * Creates a new Recall instance using the specified properties.
             * @function create
             * @memberof danmaku.v1.Recall
             * @static
             * @param {danmaku.v1.Recall.$Properties=} [properties] Properties to set
             * @returns {danmaku.v1.Recall} Recall instance
             * @type {{
             *   (properties: danmaku.v1.Recall.$Shape): danmaku.v1.Recall & danmaku.v1.Recall.$Shape;
             *   (properties?: danmaku.v1.Recall.$Properties): danmaku.v1.Recall;
             * }}
             */
            Recall.create = function(properties) {
                return new Recall(properties);
            };

            /**
             * Encodes the specified Recall message. Does not implicitly {@link danmaku.v1.Recall.verify|verify} messages.
             * @function encode
             * @memberof danmaku.v1.Recall
             * @static
             * @param {danmaku.v1.Recall.$Properties} message Recall message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Recall.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.room != null && $Object.hasOwnProperty.call(message, "room") && message.room !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.room);
                if (message.ids != null && message.ids.length)
                    for (let i = 0; i < message.ids.length; ++i)
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.ids[i]);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Recall message from the specified reader or buffer.
             * @function decode
             * @memberof danmaku.v1.Recall
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {danmaku.v1.Recall & danmaku.v1.Recall.$Shape} Recall
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Recall.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.danmaku.v1.Recall();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.room = value;
                            else
                                delete message.room;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if (!(message.ids && message.ids.length))
                                message.ids = [];
                            message.ids.push(reader.stringVerify());
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Recall;
        })();

        v1.Notice = (function() {

            /**
             * Properties of a Notice.
             * @typedef {Object} danmaku.v1.Notice.$Properties
             * @property {string|null} [room] Notice room
             * @property {string|null} [text] Notice text
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Notice.
             * @memberof danmaku.v1
             * @interface INotice
             * @augments danmaku.v1.Notice.$Properties
             * @deprecated Use danmaku.v1.Notice.$Properties instead.
             */

            /**
             * Shape of a Notice.
             * @typedef {danmaku.v1.Notice.$Properties} danmaku.v1.Notice.$Shape
             */

            /**
             * Constructs a new Notice.
             * @memberof danmaku.v1
             * @classdesc Represents a Notice.
             * @constructor
             * @param {danmaku.v1.Notice.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Notice = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Notice room.
             * @member {string} room
             * @memberof danmaku.v1.Notice
             * @instance
             */
            Notice.prototype.room = "";

            /**
             * Notice text.
             * @member {string} text
             * @memberof danmaku.v1.Notice
             * @instance
             */
            Notice.prototype.text = "";

            /**
             * Creates a new Notice instance using the specified properties.
             * @function create
             * @memberof danmaku.v1.Notice
             * @static
             * @param {danmaku.v1.Notice.$Properties=} [properties] Properties to set
             * @returns {danmaku.v1.Notice} Notice instance
             * @type {{
             *   (properties: danmaku.v1.Notice.$Shape): danmaku.v1.Notice & danmaku.v1.Notice.$Shape;
             *   (properties?: danmaku.v1.Notice.$Properties): danmaku.v1.Notice;
             * }}
             */
            Notice.create = function(properties) {
                return new Notice(properties);
            };

            /**
             * Encodes the specified Notice message. Does not implicitly {@link danmaku.v1.Notice.verify|verify} messages.
             * @function encode
             * @memberof danmaku.v1.Notice
             * @static
             * @param {danmaku.v1.Notice.$Properties} message Notice message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Notice.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.room != null && $Object.hasOwnProperty.call(message, "room") && message.room !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.room);
                if (message.text != null && $Object.hasOwnProperty.call(message, "text") && message.text !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.text);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Notice message from the specified reader or buffer.
             * @function decode
             * @memberof danmaku.v1.Notice
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {danmaku.v1.Notice & danmaku.v1.Notice.$Shape} Notice
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Notice.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.danmaku.v1.Notice();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.room = value;
                            else
                                delete message.room;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.text = value;
                            else
                                delete message.text;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Notice;
        })();

        v1.Error = (function() {

            /**
             * Properties of an Error.
             * @typedef {Object} danmaku.v1.Error.$Properties
             * @property {danmaku.v1.ErrorCode|null} [code] Error code
             * @property {string|null} [message] Error message
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Error.
             * @memberof danmaku.v1
             * @interface IError
             * @augments danmaku.v1.Error.$Properties
             * @deprecated Use danmaku.v1.Error.$Properties instead.
             */

            /**
             * Shape of an Error.
             * @typedef {danmaku.v1.Error.$Properties} danmaku.v1.Error.$Shape
             */

            /**
             * Constructs a new Error.
             * @memberof danmaku.v1
             * @classdesc Represents an Error.
             * @constructor
             * @param {danmaku.v1.Error.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Error = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Error code.
             * @member {danmaku.v1.ErrorCode} code
             * @memberof danmaku.v1.Error
             * @instance
             */
            Error.prototype.code = 0;

            /**
             * Error message.
             * @member {string} message
             * @memberof danmaku.v1.Error
             * @instance
             */
            Error.prototype.message = "";

            /**
             * Creates a new Error instance using the specified properties.
             * @function create
             * @memberof danmaku.v1.Error
             * @static
             * @param {danmaku.v1.Error.$Properties=} [properties] Properties to set
             * @returns {danmaku.v1.Error} Error instance
             * @type {{
             *   (properties: danmaku.v1.Error.$Shape): danmaku.v1.Error & danmaku.v1.Error.$Shape;
             *   (properties?: danmaku.v1.Error.$Properties): danmaku.v1.Error;
             * }}
             */
            Error.create = function(properties) {
                return new Error(properties);
            };

            /**
             * Encodes the specified Error message. Does not implicitly {@link danmaku.v1.Error.verify|verify} messages.
             * @function encode
             * @memberof danmaku.v1.Error
             * @static
             * @param {danmaku.v1.Error.$Properties} message Error message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Error.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.code);
                if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.message);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an Error message from the specified reader or buffer.
             * @function decode
             * @memberof danmaku.v1.Error
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {danmaku.v1.Error & danmaku.v1.Error.$Shape} Error
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Error.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.danmaku.v1.Error();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.code = value;
                            else
                                delete message.code;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.message = value;
                            else
                                delete message.message;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Error;
        })();

        v1.GoAway = (function() {

            /**
             * Properties of a GoAway.
             * @typedef {Object} danmaku.v1.GoAway.$Properties
             * @property {string|null} [reason] GoAway reason
             * @property {number|null} [reconnectDelayMs] GoAway reconnectDelayMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a GoAway.
             * @memberof danmaku.v1
             * @interface IGoAway
             * @augments danmaku.v1.GoAway.$Properties
             * @deprecated Use danmaku.v1.GoAway.$Properties instead.
             */

            /**
             * Shape of a GoAway.
             * @typedef {danmaku.v1.GoAway.$Properties} danmaku.v1.GoAway.$Shape
             */

            /**
             * Constructs a new GoAway.
             * @memberof danmaku.v1
             * @classdesc Represents a GoAway.
             * @constructor
             * @param {danmaku.v1.GoAway.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const GoAway = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * GoAway reason.
             * @member {string} reason
             * @memberof danmaku.v1.GoAway
             * @instance
             */
            GoAway.prototype.reason = "";

            /**
             * GoAway reconnectDelayMs.
             * @member {number} reconnectDelayMs
             * @memberof danmaku.v1.GoAway
             * @instance
             */
            GoAway.prototype.reconnectDelayMs = 0;

            /**
             * Creates a new GoAway instance using the specified properties.
             * @function create
             * @memberof danmaku.v1.GoAway
             * @static
             * @param {danmaku.v1.GoAway.$Properties=} [properties] Properties to set
             * @returns {danmaku.v1.GoAway} GoAway instance
             * @type {{
             *   (properties: danmaku.v1.GoAway.$Shape): danmaku.v1.GoAway & danmaku.v1.GoAway.$Shape;
             *   (properties?: danmaku.v1.GoAway.$Properties): danmaku.v1.GoAway;
             * }}
             */
            GoAway.create = function(properties) {
                return new GoAway(properties);
            };

            /**
             * Encodes the specified GoAway message. Does not implicitly {@link danmaku.v1.GoAway.verify|verify} messages.
             * @function encode
             * @memberof danmaku.v1.GoAway
             * @static
             * @param {danmaku.v1.GoAway.$Properties} message GoAway message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            GoAway.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.reason);
                if (message.reconnectDelayMs != null && $Object.hasOwnProperty.call(message, "reconnectDelayMs") && message.reconnectDelayMs !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.reconnectDelayMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a GoAway message from the specified reader or buffer.
             * @function decode
             * @memberof danmaku.v1.GoAway
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {danmaku.v1.GoAway & danmaku.v1.GoAway.$Shape} GoAway
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            GoAway.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.danmaku.v1.GoAway();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.reason = value;
                            else
                                delete message.reason;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.reconnectDelayMs = value;
                            else
                                delete message.reconnectDelayMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return GoAway;
        })();

        v1.Left = (function() {

            /**
             * Properties of a Left.
             * @typedef {Object} danmaku.v1.Left.$Properties
             * @property {string|null} [room] Left room
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Left.
             * @memberof danmaku.v1
             * @interface ILeft
             * @augments danmaku.v1.Left.$Properties
             * @deprecated Use danmaku.v1.Left.$Properties instead.
             */

            /**
             * Shape of a Left.
             * @typedef {danmaku.v1.Left.$Properties} danmaku.v1.Left.$Shape
             */

            /**
             * Constructs a new Left.
             * @memberof danmaku.v1
             * @classdesc Represents a Left.
             * @constructor
             * @param {danmaku.v1.Left.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Left = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Left room.
             * @member {string} room
             * @memberof danmaku.v1.Left
             * @instance
             */
            Left.prototype.room = "";

            /**
             * Creates a new Left instance using the specified properties.
             * @function create
             * @memberof danmaku.v1.Left
             * @static
             * @param {danmaku.v1.Left.$Properties=} [properties] Properties to set
             * @returns {danmaku.v1.Left} Left instance
             * @type {{
             *   (properties: danmaku.v1.Left.$Shape): danmaku.v1.Left & danmaku.v1.Left.$Shape;
             *   (properties?: danmaku.v1.Left.$Properties): danmaku.v1.Left;
             * }}
             */
            Left.create = function(properties) {
                return new Left(properties);
            };

            /**
             * Encodes the specified Left message. Does not implicitly {@link danmaku.v1.Left.verify|verify} messages.
             * @function encode
             * @memberof danmaku.v1.Left
             * @static
             * @param {danmaku.v1.Left.$Properties} message Left message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Left.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.room != null && $Object.hasOwnProperty.call(message, "room") && message.room !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.room);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Left message from the specified reader or buffer.
             * @function decode
             * @memberof danmaku.v1.Left
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {danmaku.v1.Left & danmaku.v1.Left.$Shape} Left
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Left.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.danmaku.v1.Left();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.room = value;
                            else
                                delete message.room;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Left;
        })();

        v1.Presence = (function() {

            /**
             * Properties of a Presence.
             * @typedef {Object} danmaku.v1.Presence.$Properties
             * @property {string|null} [room] Presence room
             * @property {number|null} [viewers] Presence viewers
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Presence.
             * @memberof danmaku.v1
             * @interface IPresence
             * @augments danmaku.v1.Presence.$Properties
             * @deprecated Use danmaku.v1.Presence.$Properties instead.
             */

            /**
             * Shape of a Presence.
             * @typedef {danmaku.v1.Presence.$Properties} danmaku.v1.Presence.$Shape
             */

            /**
             * Constructs a new Presence.
             * @memberof danmaku.v1
             * @classdesc Represents a Presence.
             * @constructor
             * @param {danmaku.v1.Presence.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Presence = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Presence room.
             * @member {string} room
             * @memberof danmaku.v1.Presence
             * @instance
             */
            Presence.prototype.room = "";

            /**
             * Presence viewers.
             * @member {number} viewers
             * @memberof danmaku.v1.Presence
             * @instance
             */
            Presence.prototype.viewers = 0;

            /**
             * Creates a new Presence instance using the specified properties.
             * @function create
             * @memberof danmaku.v1.Presence
             * @static
             * @param {danmaku.v1.Presence.$Properties=} [properties] Properties to set
             * @returns {danmaku.v1.Presence} Presence instance
             * @type {{
             *   (properties: danmaku.v1.Presence.$Shape): danmaku.v1.Presence & danmaku.v1.Presence.$Shape;
             *   (properties?: danmaku.v1.Presence.$Properties): danmaku.v1.Presence;
             * }}
             */
            Presence.create = function(properties) {
                return new Presence(properties);
            };

            /**
             * Encodes the specified Presence message. Does not implicitly {@link danmaku.v1.Presence.verify|verify} messages.
             * @function encode
             * @memberof danmaku.v1.Presence
             * @static
             * @param {danmaku.v1.Presence.$Properties} message Presence message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Presence.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.room != null && $Object.hasOwnProperty.call(message, "room") && message.room !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.room);
                if (message.viewers != null && $Object.hasOwnProperty.call(message, "viewers") && message.viewers !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.viewers);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Presence message from the specified reader or buffer.
             * @function decode
             * @memberof danmaku.v1.Presence
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {danmaku.v1.Presence & danmaku.v1.Presence.$Shape} Presence
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Presence.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.danmaku.v1.Presence();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.room = value;
                            else
                                delete message.room;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.viewers = value;
                            else
                                delete message.viewers;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Presence;
        })();

        return v1;
    })();

    return danmaku;
})();

export {
  $root as default
};
