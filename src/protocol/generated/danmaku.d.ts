import * as $protobuf from "protobufjs";
import Long = require("long");

/** Namespace danmaku. */
export namespace danmaku {

    /** Namespace v1. */
    namespace v1 {

        /** ErrorCode enum. */
        enum ErrorCode {

            /** OK value */
            OK = 0,

            /** BAD_FRAME value */
            BAD_FRAME = 1,

            /** UNAUTHENTICATED value */
            UNAUTHENTICATED = 2,

            /** FORBIDDEN value */
            FORBIDDEN = 3,

            /** RATE_LIMITED value */
            RATE_LIMITED = 4,

            /** TOO_LONG value */
            TOO_LONG = 5,

            /** BANNED value */
            BANNED = 6,

            /** MUTED value */
            MUTED = 7,

            /** UNAVAILABLE value */
            UNAVAILABLE = 8,

            /** INTERNAL value */
            INTERNAL = 9,

            /** TOO_MANY_ROOMS value */
            TOO_MANY_ROOMS = 10,

            /** NOT_JOINED value */
            NOT_JOINED = 11,

            /** SLOW_MODE value */
            SLOW_MODE = 12,

            /** FILTERED value */
            FILTERED = 13,

            /** OVERLOADED value */
            OVERLOADED = 14
        }

        /** Mode enum. */
        enum Mode {

            /** SCROLL value */
            SCROLL = 0,

            /** TOP value */
            TOP = 1,

            /** BOTTOM value */
            BOTTOM = 2
        }

        /**
         * Properties of a ClientFrame.
         * @deprecated Use danmaku.v1.ClientFrame.$Properties instead.
         */
        interface IClientFrame extends danmaku.v1.ClientFrame.$Properties {
        }

        /** Represents a ClientFrame. */
        class ClientFrame {

            /**
             * Constructs a new ClientFrame.
             * @param [properties] Properties to set
             */
            constructor(properties?: danmaku.v1.ClientFrame.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ClientFrame hello. */
            hello?: (danmaku.v1.Hello.$Properties|null);

            /** ClientFrame join. */
            join?: (danmaku.v1.Join.$Properties|null);

            /** ClientFrame leave. */
            leave?: (danmaku.v1.Leave.$Properties|null);

            /** ClientFrame comment. */
            comment?: (danmaku.v1.Comment.$Properties|null);

            /** ClientFrame ping. */
            ping?: (danmaku.v1.Ping.$Properties|null);

            /** ClientFrame report. */
            report?: (danmaku.v1.Report.$Properties|null);

            /** ClientFrame refresh. */
            refresh?: (danmaku.v1.Refresh.$Properties|null);

            /** ClientFrame kind. */
            kind?: ("hello"|"join"|"leave"|"comment"|"ping"|"report"|"refresh");

            /**
             * Creates a new ClientFrame instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ClientFrame instance
             */
            static create(properties: danmaku.v1.ClientFrame.$Shape): danmaku.v1.ClientFrame & danmaku.v1.ClientFrame.$Shape;
            static create(properties?: danmaku.v1.ClientFrame.$Properties): danmaku.v1.ClientFrame;

            /**
             * Encodes the specified ClientFrame message. Does not implicitly {@link danmaku.v1.ClientFrame.verify|verify} messages.
             * @param message ClientFrame message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: danmaku.v1.ClientFrame.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ClientFrame message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {danmaku.v1.ClientFrame & danmaku.v1.ClientFrame.$Shape} ClientFrame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): danmaku.v1.ClientFrame & danmaku.v1.ClientFrame.$Shape;
        }

        namespace ClientFrame {

            /** Properties of a ClientFrame. */
            interface $Properties {

                /** ClientFrame hello */
                hello?: (danmaku.v1.Hello.$Properties|null);

                /** ClientFrame join */
                join?: (danmaku.v1.Join.$Properties|null);

                /** ClientFrame leave */
                leave?: (danmaku.v1.Leave.$Properties|null);

                /** ClientFrame comment */
                comment?: (danmaku.v1.Comment.$Properties|null);

                /** ClientFrame ping */
                ping?: (danmaku.v1.Ping.$Properties|null);

                /** ClientFrame report */
                report?: (danmaku.v1.Report.$Properties|null);

                /** ClientFrame refresh */
                refresh?: (danmaku.v1.Refresh.$Properties|null);

                /** ClientFrame kind */
                kind?: ("hello"|"join"|"leave"|"comment"|"ping"|"report"|"refresh");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a ClientFrame. */
            type $Shape = {
              hello?: danmaku.v1.Hello.$Shape|null;
              join?: danmaku.v1.Join.$Shape|null;
              leave?: danmaku.v1.Leave.$Shape|null;
              comment?: danmaku.v1.Comment.$Shape|null;
              ping?: danmaku.v1.Ping.$Shape|null;
              report?: danmaku.v1.Report.$Shape|null;
              refresh?: danmaku.v1.Refresh.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ kind?: undefined; hello?: null; join?: null; leave?: null; comment?: null; ping?: null; report?: null; refresh?: null }|{ kind?: "hello"; hello: danmaku.v1.Hello.$Shape; join?: null; leave?: null; comment?: null; ping?: null; report?: null; refresh?: null }|{ kind?: "join"; hello?: null; join: danmaku.v1.Join.$Shape; leave?: null; comment?: null; ping?: null; report?: null; refresh?: null }|{ kind?: "leave"; hello?: null; join?: null; leave: danmaku.v1.Leave.$Shape; comment?: null; ping?: null; report?: null; refresh?: null }|{ kind?: "comment"; hello?: null; join?: null; leave?: null; comment: danmaku.v1.Comment.$Shape; ping?: null; report?: null; refresh?: null }|{ kind?: "ping"; hello?: null; join?: null; leave?: null; comment?: null; ping: danmaku.v1.Ping.$Shape; report?: null; refresh?: null }|{ kind?: "report"; hello?: null; join?: null; leave?: null; comment?: null; ping?: null; report: danmaku.v1.Report.$Shape; refresh?: null }|{ kind?: "refresh"; hello?: null; join?: null; leave?: null; comment?: null; ping?: null; report?: null; refresh: danmaku.v1.Refresh.$Shape })
            );
        }

        /**
         * Properties of a Hello.
         * @deprecated Use danmaku.v1.Hello.$Properties instead.
         */
        interface IHello extends danmaku.v1.Hello.$Properties {
        }

        /** Represents a Hello. */
        class Hello {

            /**
             * Constructs a new Hello.
             * @param [properties] Properties to set
             */
            constructor(properties?: danmaku.v1.Hello.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Hello token. */
            token: string;

            /** Hello platform. */
            platform: string;

            /** Hello sdkVersion. */
            sdkVersion: string;

            /** Hello reconnectAttempt. */
            reconnectAttempt: number;

            /** Hello cursors. */
            cursors: danmaku.v1.Cursor.$Properties[];

            /** Hello acceptDeflate. */
            acceptDeflate: boolean;

            /** Hello batchLayout. */
            batchLayout: number;

            /**
             * Creates a new Hello instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Hello instance
             */
            static create(properties: danmaku.v1.Hello.$Shape): danmaku.v1.Hello & danmaku.v1.Hello.$Shape;
            static create(properties?: danmaku.v1.Hello.$Properties): danmaku.v1.Hello;

            /**
             * Encodes the specified Hello message. Does not implicitly {@link danmaku.v1.Hello.verify|verify} messages.
             * @param message Hello message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: danmaku.v1.Hello.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Hello message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {danmaku.v1.Hello & danmaku.v1.Hello.$Shape} Hello
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): danmaku.v1.Hello & danmaku.v1.Hello.$Shape;
        }

        namespace Hello {

            /** Properties of a Hello. */
            interface $Properties {

                /** Hello token */
                token?: (string|null);

                /** Hello platform */
                platform?: (string|null);

                /** Hello sdkVersion */
                sdkVersion?: (string|null);

                /** Hello reconnectAttempt */
                reconnectAttempt?: (number|null);

                /** Hello cursors */
                cursors?: (danmaku.v1.Cursor.$Properties[]|null);

                /** Hello acceptDeflate */
                acceptDeflate?: (boolean|null);

                /** Hello batchLayout */
                batchLayout?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Hello. */
            type $Shape = danmaku.v1.Hello.$Properties;
        }

        /**
         * Properties of a Refresh.
         * @deprecated Use danmaku.v1.Refresh.$Properties instead.
         */
        interface IRefresh extends danmaku.v1.Refresh.$Properties {
        }

        /** Represents a Refresh. */
        class Refresh {

            /**
             * Constructs a new Refresh.
             * @param [properties] Properties to set
             */
            constructor(properties?: danmaku.v1.Refresh.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Refresh token. */
            token: string;

            /**
             * Creates a new Refresh instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Refresh instance
             */
            static create(properties: danmaku.v1.Refresh.$Shape): danmaku.v1.Refresh & danmaku.v1.Refresh.$Shape;
            static create(properties?: danmaku.v1.Refresh.$Properties): danmaku.v1.Refresh;

            /**
             * Encodes the specified Refresh message. Does not implicitly {@link danmaku.v1.Refresh.verify|verify} messages.
             * @param message Refresh message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: danmaku.v1.Refresh.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Refresh message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {danmaku.v1.Refresh & danmaku.v1.Refresh.$Shape} Refresh
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): danmaku.v1.Refresh & danmaku.v1.Refresh.$Shape;
        }

        namespace Refresh {

            /** Properties of a Refresh. */
            interface $Properties {

                /** Refresh token */
                token?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Refresh. */
            type $Shape = danmaku.v1.Refresh.$Properties;
        }

        /**
         * Properties of a Cursor.
         * @deprecated Use danmaku.v1.Cursor.$Properties instead.
         */
        interface ICursor extends danmaku.v1.Cursor.$Properties {
        }

        /** Represents a Cursor. */
        class Cursor {

            /**
             * Constructs a new Cursor.
             * @param [properties] Properties to set
             */
            constructor(properties?: danmaku.v1.Cursor.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Cursor room. */
            room: string;

            /** Cursor epoch. */
            epoch: string;

            /** Cursor lastSeq. */
            lastSeq: number;

            /**
             * Creates a new Cursor instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Cursor instance
             */
            static create(properties: danmaku.v1.Cursor.$Shape): danmaku.v1.Cursor & danmaku.v1.Cursor.$Shape;
            static create(properties?: danmaku.v1.Cursor.$Properties): danmaku.v1.Cursor;

            /**
             * Encodes the specified Cursor message. Does not implicitly {@link danmaku.v1.Cursor.verify|verify} messages.
             * @param message Cursor message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: danmaku.v1.Cursor.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Cursor message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {danmaku.v1.Cursor & danmaku.v1.Cursor.$Shape} Cursor
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): danmaku.v1.Cursor & danmaku.v1.Cursor.$Shape;
        }

        namespace Cursor {

            /** Properties of a Cursor. */
            interface $Properties {

                /** Cursor room */
                room?: (string|null);

                /** Cursor epoch */
                epoch?: (string|null);

                /** Cursor lastSeq */
                lastSeq?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Cursor. */
            type $Shape = danmaku.v1.Cursor.$Properties;
        }

        /**
         * Properties of a Join.
         * @deprecated Use danmaku.v1.Join.$Properties instead.
         */
        interface IJoin extends danmaku.v1.Join.$Properties {
        }

        /** Represents a Join. */
        class Join {

            /**
             * Constructs a new Join.
             * @param [properties] Properties to set
             */
            constructor(properties?: danmaku.v1.Join.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Join room. */
            room: string;

            /** Join epoch. */
            epoch: string;

            /** Join lastSeq. */
            lastSeq: number;

            /**
             * Creates a new Join instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Join instance
             */
            static create(properties: danmaku.v1.Join.$Shape): danmaku.v1.Join & danmaku.v1.Join.$Shape;
            static create(properties?: danmaku.v1.Join.$Properties): danmaku.v1.Join;

            /**
             * Encodes the specified Join message. Does not implicitly {@link danmaku.v1.Join.verify|verify} messages.
             * @param message Join message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: danmaku.v1.Join.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Join message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {danmaku.v1.Join & danmaku.v1.Join.$Shape} Join
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): danmaku.v1.Join & danmaku.v1.Join.$Shape;
        }

        namespace Join {

            /** Properties of a Join. */
            interface $Properties {

                /** Join room */
                room?: (string|null);

                /** Join epoch */
                epoch?: (string|null);

                /** Join lastSeq */
                lastSeq?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Join. */
            type $Shape = danmaku.v1.Join.$Properties;
        }

        /**
         * Properties of a Leave.
         * @deprecated Use danmaku.v1.Leave.$Properties instead.
         */
        interface ILeave extends danmaku.v1.Leave.$Properties {
        }

        /** Represents a Leave. */
        class Leave {

            /**
             * Constructs a new Leave.
             * @param [properties] Properties to set
             */
            constructor(properties?: danmaku.v1.Leave.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Leave room. */
            room: string;

            /**
             * Creates a new Leave instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Leave instance
             */
            static create(properties: danmaku.v1.Leave.$Shape): danmaku.v1.Leave & danmaku.v1.Leave.$Shape;
            static create(properties?: danmaku.v1.Leave.$Properties): danmaku.v1.Leave;

            /**
             * Encodes the specified Leave message. Does not implicitly {@link danmaku.v1.Leave.verify|verify} messages.
             * @param message Leave message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: danmaku.v1.Leave.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Leave message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {danmaku.v1.Leave & danmaku.v1.Leave.$Shape} Leave
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): danmaku.v1.Leave & danmaku.v1.Leave.$Shape;
        }

        namespace Leave {

            /** Properties of a Leave. */
            interface $Properties {

                /** Leave room */
                room?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Leave. */
            type $Shape = danmaku.v1.Leave.$Properties;
        }

        /**
         * Properties of a Comment.
         * @deprecated Use danmaku.v1.Comment.$Properties instead.
         */
        interface IComment extends danmaku.v1.Comment.$Properties {
        }

        /** Represents a Comment. */
        class Comment {

            /**
             * Constructs a new Comment.
             * @param [properties] Properties to set
             */
            constructor(properties?: danmaku.v1.Comment.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Comment room. */
            room: string;

            /** Comment clientMsgId. */
            clientMsgId: string;

            /** Comment text. */
            text: string;

            /** Comment color. */
            color: number;

            /** Comment mode. */
            mode: danmaku.v1.Mode;

            /**
             * Creates a new Comment instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Comment instance
             */
            static create(properties: danmaku.v1.Comment.$Shape): danmaku.v1.Comment & danmaku.v1.Comment.$Shape;
            static create(properties?: danmaku.v1.Comment.$Properties): danmaku.v1.Comment;

            /**
             * Encodes the specified Comment message. Does not implicitly {@link danmaku.v1.Comment.verify|verify} messages.
             * @param message Comment message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: danmaku.v1.Comment.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Comment message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {danmaku.v1.Comment & danmaku.v1.Comment.$Shape} Comment
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): danmaku.v1.Comment & danmaku.v1.Comment.$Shape;
        }

        namespace Comment {

            /** Properties of a Comment. */
            interface $Properties {

                /** Comment room */
                room?: (string|null);

                /** Comment clientMsgId */
                clientMsgId?: (string|null);

                /** Comment text */
                text?: (string|null);

                /** Comment color */
                color?: (number|null);

                /** Comment mode */
                mode?: (danmaku.v1.Mode|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Comment. */
            type $Shape = danmaku.v1.Comment.$Properties;
        }

        /**
         * Properties of a Ping.
         * @deprecated Use danmaku.v1.Ping.$Properties instead.
         */
        interface IPing extends danmaku.v1.Ping.$Properties {
        }

        /** Represents a Ping. */
        class Ping {

            /**
             * Constructs a new Ping.
             * @param [properties] Properties to set
             */
            constructor(properties?: danmaku.v1.Ping.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Ping clientTimeMs. */
            clientTimeMs: number;

            /**
             * Creates a new Ping instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Ping instance
             */
            static create(properties: danmaku.v1.Ping.$Shape): danmaku.v1.Ping & danmaku.v1.Ping.$Shape;
            static create(properties?: danmaku.v1.Ping.$Properties): danmaku.v1.Ping;

            /**
             * Encodes the specified Ping message. Does not implicitly {@link danmaku.v1.Ping.verify|verify} messages.
             * @param message Ping message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: danmaku.v1.Ping.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Ping message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {danmaku.v1.Ping & danmaku.v1.Ping.$Shape} Ping
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): danmaku.v1.Ping & danmaku.v1.Ping.$Shape;
        }

        namespace Ping {

            /** Properties of a Ping. */
            interface $Properties {

                /** Ping clientTimeMs */
                clientTimeMs?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Ping. */
            type $Shape = danmaku.v1.Ping.$Properties;
        }

        /**
         * Properties of a Report.
         * @deprecated Use danmaku.v1.Report.$Properties instead.
         */
        interface IReport extends danmaku.v1.Report.$Properties {
        }

        /** Represents a Report. */
        class Report {

            /**
             * Constructs a new Report.
             * @param [properties] Properties to set
             */
            constructor(properties?: danmaku.v1.Report.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Report events. */
            events: danmaku.v1.TelemetryEvent.$Properties[];

            /**
             * Creates a new Report instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Report instance
             */
            static create(properties: danmaku.v1.Report.$Shape): danmaku.v1.Report & danmaku.v1.Report.$Shape;
            static create(properties?: danmaku.v1.Report.$Properties): danmaku.v1.Report;

            /**
             * Encodes the specified Report message. Does not implicitly {@link danmaku.v1.Report.verify|verify} messages.
             * @param message Report message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: danmaku.v1.Report.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Report message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {danmaku.v1.Report & danmaku.v1.Report.$Shape} Report
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): danmaku.v1.Report & danmaku.v1.Report.$Shape;
        }

        namespace Report {

            /** Properties of a Report. */
            interface $Properties {

                /** Report events */
                events?: (danmaku.v1.TelemetryEvent.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Report. */
            type $Shape = danmaku.v1.Report.$Properties;
        }

        /** TelemetryKind enum. */
        enum TelemetryKind {

            /** TELEMETRY_UNSPECIFIED value */
            TELEMETRY_UNSPECIFIED = 0,

            /** CONNECTED value */
            CONNECTED = 1,

            /** DISCONNECTED value */
            DISCONNECTED = 2,

            /** RECONNECT_ATTEMPT value */
            RECONNECT_ATTEMPT = 3,

            /** RECONNECTED value */
            RECONNECTED = 4,

            /** CLIENT_ERROR value */
            CLIENT_ERROR = 5
        }

        /**
         * Properties of a TelemetryEvent.
         * @deprecated Use danmaku.v1.TelemetryEvent.$Properties instead.
         */
        interface ITelemetryEvent extends danmaku.v1.TelemetryEvent.$Properties {
        }

        /** Represents a TelemetryEvent. */
        class TelemetryEvent {

            /**
             * Constructs a new TelemetryEvent.
             * @param [properties] Properties to set
             */
            constructor(properties?: danmaku.v1.TelemetryEvent.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** TelemetryEvent kind. */
            kind: danmaku.v1.TelemetryKind;

            /** TelemetryEvent atMs. */
            atMs: number;

            /** TelemetryEvent attempt. */
            attempt: number;

            /** TelemetryEvent durationMs. */
            durationMs: number;

            /** TelemetryEvent code. */
            code: number;

            /** TelemetryEvent reason. */
            reason: string;

            /** TelemetryEvent platform. */
            platform: string;

            /**
             * Creates a new TelemetryEvent instance using the specified properties.
             * @param [properties] Properties to set
             * @returns TelemetryEvent instance
             */
            static create(properties: danmaku.v1.TelemetryEvent.$Shape): danmaku.v1.TelemetryEvent & danmaku.v1.TelemetryEvent.$Shape;
            static create(properties?: danmaku.v1.TelemetryEvent.$Properties): danmaku.v1.TelemetryEvent;

            /**
             * Encodes the specified TelemetryEvent message. Does not implicitly {@link danmaku.v1.TelemetryEvent.verify|verify} messages.
             * @param message TelemetryEvent message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: danmaku.v1.TelemetryEvent.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a TelemetryEvent message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {danmaku.v1.TelemetryEvent & danmaku.v1.TelemetryEvent.$Shape} TelemetryEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): danmaku.v1.TelemetryEvent & danmaku.v1.TelemetryEvent.$Shape;
        }

        namespace TelemetryEvent {

            /** Properties of a TelemetryEvent. */
            interface $Properties {

                /** TelemetryEvent kind */
                kind?: (danmaku.v1.TelemetryKind|null);

                /** TelemetryEvent atMs */
                atMs?: (number|null);

                /** TelemetryEvent attempt */
                attempt?: (number|null);

                /** TelemetryEvent durationMs */
                durationMs?: (number|null);

                /** TelemetryEvent code */
                code?: (number|null);

                /** TelemetryEvent reason */
                reason?: (string|null);

                /** TelemetryEvent platform */
                platform?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a TelemetryEvent. */
            type $Shape = danmaku.v1.TelemetryEvent.$Properties;
        }

        /**
         * Properties of a ServerFrame.
         * @deprecated Use danmaku.v1.ServerFrame.$Properties instead.
         */
        interface IServerFrame extends danmaku.v1.ServerFrame.$Properties {
        }

        /** Represents a ServerFrame. */
        class ServerFrame {

            /**
             * Constructs a new ServerFrame.
             * @param [properties] Properties to set
             */
            constructor(properties?: danmaku.v1.ServerFrame.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ServerFrame batch. */
            batch?: (danmaku.v1.Batch.$Properties|null);

            /** ServerFrame welcome. */
            welcome?: (danmaku.v1.Welcome.$Properties|null);

            /** ServerFrame joined. */
            joined?: (danmaku.v1.Joined.$Properties|null);

            /** ServerFrame ack. */
            ack?: (danmaku.v1.Ack.$Properties|null);

            /** ServerFrame pong. */
            pong?: (danmaku.v1.Pong.$Properties|null);

            /** ServerFrame recall. */
            recall?: (danmaku.v1.Recall.$Properties|null);

            /** ServerFrame notice. */
            notice?: (danmaku.v1.Notice.$Properties|null);

            /** ServerFrame error. */
            error?: (danmaku.v1.Error.$Properties|null);

            /** ServerFrame goaway. */
            goaway?: (danmaku.v1.GoAway.$Properties|null);

            /** ServerFrame left. */
            left?: (danmaku.v1.Left.$Properties|null);

            /** ServerFrame deflated. */
            deflated?: (danmaku.v1.Deflated.$Properties|null);

            /** ServerFrame presence. */
            presence?: (danmaku.v1.Presence.$Properties|null);

            /** ServerFrame compact. */
            compact?: (danmaku.v1.CompactBatch.$Properties|null);

            /** ServerFrame refreshed. */
            refreshed?: (danmaku.v1.Refreshed.$Properties|null);

            /** ServerFrame kind. */
            kind?: ("batch"|"welcome"|"joined"|"ack"|"pong"|"recall"|"notice"|"error"|"goaway"|"left"|"deflated"|"presence"|"compact"|"refreshed");

            /**
             * Creates a new ServerFrame instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ServerFrame instance
             */
            static create(properties: danmaku.v1.ServerFrame.$Shape): danmaku.v1.ServerFrame & danmaku.v1.ServerFrame.$Shape;
            static create(properties?: danmaku.v1.ServerFrame.$Properties): danmaku.v1.ServerFrame;

            /**
             * Encodes the specified ServerFrame message. Does not implicitly {@link danmaku.v1.ServerFrame.verify|verify} messages.
             * @param message ServerFrame message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: danmaku.v1.ServerFrame.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ServerFrame message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {danmaku.v1.ServerFrame & danmaku.v1.ServerFrame.$Shape} ServerFrame
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): danmaku.v1.ServerFrame & danmaku.v1.ServerFrame.$Shape;
        }

        namespace ServerFrame {

            /** Properties of a ServerFrame. */
            interface $Properties {

                /** ServerFrame batch */
                batch?: (danmaku.v1.Batch.$Properties|null);

                /** ServerFrame welcome */
                welcome?: (danmaku.v1.Welcome.$Properties|null);

                /** ServerFrame joined */
                joined?: (danmaku.v1.Joined.$Properties|null);

                /** ServerFrame ack */
                ack?: (danmaku.v1.Ack.$Properties|null);

                /** ServerFrame pong */
                pong?: (danmaku.v1.Pong.$Properties|null);

                /** ServerFrame recall */
                recall?: (danmaku.v1.Recall.$Properties|null);

                /** ServerFrame notice */
                notice?: (danmaku.v1.Notice.$Properties|null);

                /** ServerFrame error */
                error?: (danmaku.v1.Error.$Properties|null);

                /** ServerFrame goaway */
                goaway?: (danmaku.v1.GoAway.$Properties|null);

                /** ServerFrame left */
                left?: (danmaku.v1.Left.$Properties|null);

                /** ServerFrame deflated */
                deflated?: (danmaku.v1.Deflated.$Properties|null);

                /** ServerFrame presence */
                presence?: (danmaku.v1.Presence.$Properties|null);

                /** ServerFrame compact */
                compact?: (danmaku.v1.CompactBatch.$Properties|null);

                /** ServerFrame refreshed */
                refreshed?: (danmaku.v1.Refreshed.$Properties|null);

                /** ServerFrame kind */
                kind?: ("batch"|"welcome"|"joined"|"ack"|"pong"|"recall"|"notice"|"error"|"goaway"|"left"|"deflated"|"presence"|"compact"|"refreshed");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a ServerFrame. */
            type $Shape = {
              batch?: danmaku.v1.Batch.$Shape|null;
              welcome?: danmaku.v1.Welcome.$Shape|null;
              joined?: danmaku.v1.Joined.$Shape|null;
              ack?: danmaku.v1.Ack.$Shape|null;
              pong?: danmaku.v1.Pong.$Shape|null;
              recall?: danmaku.v1.Recall.$Shape|null;
              notice?: danmaku.v1.Notice.$Shape|null;
              error?: danmaku.v1.Error.$Shape|null;
              goaway?: danmaku.v1.GoAway.$Shape|null;
              left?: danmaku.v1.Left.$Shape|null;
              deflated?: danmaku.v1.Deflated.$Shape|null;
              presence?: danmaku.v1.Presence.$Shape|null;
              compact?: danmaku.v1.CompactBatch.$Shape|null;
              refreshed?: danmaku.v1.Refreshed.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ kind?: undefined; batch?: null; welcome?: null; joined?: null; ack?: null; pong?: null; recall?: null; notice?: null; error?: null; goaway?: null; left?: null; deflated?: null; presence?: null; compact?: null; refreshed?: null }|{ kind?: "batch"; batch: danmaku.v1.Batch.$Shape; welcome?: null; joined?: null; ack?: null; pong?: null; recall?: null; notice?: null; error?: null; goaway?: null; left?: null; deflated?: null; presence?: null; compact?: null; refreshed?: null }|{ kind?: "welcome"; batch?: null; welcome: danmaku.v1.Welcome.$Shape; joined?: null; ack?: null; pong?: null; recall?: null; notice?: null; error?: null; goaway?: null; left?: null; deflated?: null; presence?: null; compact?: null; refreshed?: null }|{ kind?: "joined"; batch?: null; welcome?: null; joined: danmaku.v1.Joined.$Shape; ack?: null; pong?: null; recall?: null; notice?: null; error?: null; goaway?: null; left?: null; deflated?: null; presence?: null; compact?: null; refreshed?: null }|{ kind?: "ack"; batch?: null; welcome?: null; joined?: null; ack: danmaku.v1.Ack.$Shape; pong?: null; recall?: null; notice?: null; error?: null; goaway?: null; left?: null; deflated?: null; presence?: null; compact?: null; refreshed?: null }|{ kind?: "pong"; batch?: null; welcome?: null; joined?: null; ack?: null; pong: danmaku.v1.Pong.$Shape; recall?: null; notice?: null; error?: null; goaway?: null; left?: null; deflated?: null; presence?: null; compact?: null; refreshed?: null }|{ kind?: "recall"; batch?: null; welcome?: null; joined?: null; ack?: null; pong?: null; recall: danmaku.v1.Recall.$Shape; notice?: null; error?: null; goaway?: null; left?: null; deflated?: null; presence?: null; compact?: null; refreshed?: null }|{ kind?: "notice"; batch?: null; welcome?: null; joined?: null; ack?: null; pong?: null; recall?: null; notice: danmaku.v1.Notice.$Shape; error?: null; goaway?: null; left?: null; deflated?: null; presence?: null; compact?: null; refreshed?: null }|{ kind?: "error"; batch?: null; welcome?: null; joined?: null; ack?: null; pong?: null; recall?: null; notice?: null; error: danmaku.v1.Error.$Shape; goaway?: null; left?: null; deflated?: null; presence?: null; compact?: null; refreshed?: null }|{ kind?: "goaway"; batch?: null; welcome?: null; joined?: null; ack?: null; pong?: null; recall?: null; notice?: null; error?: null; goaway: danmaku.v1.GoAway.$Shape; left?: null; deflated?: null; presence?: null; compact?: null; refreshed?: null }|{ kind?: "left"; batch?: null; welcome?: null; joined?: null; ack?: null; pong?: null; recall?: null; notice?: null; error?: null; goaway?: null; left: danmaku.v1.Left.$Shape; deflated?: null; presence?: null; compact?: null; refreshed?: null }|{ kind?: "deflated"; batch?: null; welcome?: null; joined?: null; ack?: null; pong?: null; recall?: null; notice?: null; error?: null; goaway?: null; left?: null; deflated: danmaku.v1.Deflated.$Shape; presence?: null; compact?: null; refreshed?: null }|{ kind?: "presence"; batch?: null; welcome?: null; joined?: null; ack?: null; pong?: null; recall?: null; notice?: null; error?: null; goaway?: null; left?: null; deflated?: null; presence: danmaku.v1.Presence.$Shape; compact?: null; refreshed?: null }|{ kind?: "compact"; batch?: null; welcome?: null; joined?: null; ack?: null; pong?: null; recall?: null; notice?: null; error?: null; goaway?: null; left?: null; deflated?: null; presence?: null; compact: danmaku.v1.CompactBatch.$Shape; refreshed?: null }|{ kind?: "refreshed"; batch?: null; welcome?: null; joined?: null; ack?: null; pong?: null; recall?: null; notice?: null; error?: null; goaway?: null; left?: null; deflated?: null; presence?: null; compact?: null; refreshed: danmaku.v1.Refreshed.$Shape })
            );
        }

        /**
         * Properties of a Welcome.
         * @deprecated Use danmaku.v1.Welcome.$Properties instead.
         */
        interface IWelcome extends danmaku.v1.Welcome.$Properties {
        }

        /** Represents a Welcome. */
        class Welcome {

            /**
             * Constructs a new Welcome.
             * @param [properties] Properties to set
             */
            constructor(properties?: danmaku.v1.Welcome.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Welcome sessionId. */
            sessionId: string;

            /** Welcome nodeId. */
            nodeId: string;

            /** Welcome heartbeatIntervalMs. */
            heartbeatIntervalMs: number;

            /** Welcome serverTimeMs. */
            serverTimeMs: number;

            /** Welcome userId. */
            userId: string;

            /** Welcome tokenExpiresAtMs. */
            tokenExpiresAtMs: number;

            /**
             * Creates a new Welcome instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Welcome instance
             */
            static create(properties: danmaku.v1.Welcome.$Shape): danmaku.v1.Welcome & danmaku.v1.Welcome.$Shape;
            static create(properties?: danmaku.v1.Welcome.$Properties): danmaku.v1.Welcome;

            /**
             * Encodes the specified Welcome message. Does not implicitly {@link danmaku.v1.Welcome.verify|verify} messages.
             * @param message Welcome message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: danmaku.v1.Welcome.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Welcome message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {danmaku.v1.Welcome & danmaku.v1.Welcome.$Shape} Welcome
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): danmaku.v1.Welcome & danmaku.v1.Welcome.$Shape;
        }

        namespace Welcome {

            /** Properties of a Welcome. */
            interface $Properties {

                /** Welcome sessionId */
                sessionId?: (string|null);

                /** Welcome nodeId */
                nodeId?: (string|null);

                /** Welcome heartbeatIntervalMs */
                heartbeatIntervalMs?: (number|null);

                /** Welcome serverTimeMs */
                serverTimeMs?: (number|null);

                /** Welcome userId */
                userId?: (string|null);

                /** Welcome tokenExpiresAtMs */
                tokenExpiresAtMs?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Welcome. */
            type $Shape = danmaku.v1.Welcome.$Properties;
        }

        /**
         * Properties of a Refreshed.
         * @deprecated Use danmaku.v1.Refreshed.$Properties instead.
         */
        interface IRefreshed extends danmaku.v1.Refreshed.$Properties {
        }

        /** Represents a Refreshed. */
        class Refreshed {

            /**
             * Constructs a new Refreshed.
             * @param [properties] Properties to set
             */
            constructor(properties?: danmaku.v1.Refreshed.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Refreshed code. */
            code: danmaku.v1.ErrorCode;

            /** Refreshed message. */
            message: string;

            /** Refreshed tokenExpiresAtMs. */
            tokenExpiresAtMs: number;

            /** Refreshed serverTimeMs. */
            serverTimeMs: number;

            /** Refreshed leftRooms. */
            leftRooms: string[];

            /**
             * Creates a new Refreshed instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Refreshed instance
             */
            static create(properties: danmaku.v1.Refreshed.$Shape): danmaku.v1.Refreshed & danmaku.v1.Refreshed.$Shape;
            static create(properties?: danmaku.v1.Refreshed.$Properties): danmaku.v1.Refreshed;

            /**
             * Encodes the specified Refreshed message. Does not implicitly {@link danmaku.v1.Refreshed.verify|verify} messages.
             * @param message Refreshed message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: danmaku.v1.Refreshed.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Refreshed message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {danmaku.v1.Refreshed & danmaku.v1.Refreshed.$Shape} Refreshed
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): danmaku.v1.Refreshed & danmaku.v1.Refreshed.$Shape;
        }

        namespace Refreshed {

            /** Properties of a Refreshed. */
            interface $Properties {

                /** Refreshed code */
                code?: (danmaku.v1.ErrorCode|null);

                /** Refreshed message */
                message?: (string|null);

                /** Refreshed tokenExpiresAtMs */
                tokenExpiresAtMs?: (number|null);

                /** Refreshed serverTimeMs */
                serverTimeMs?: (number|null);

                /** Refreshed leftRooms */
                leftRooms?: (string[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Refreshed. */
            type $Shape = danmaku.v1.Refreshed.$Properties;
        }

        /**
         * Properties of a Joined.
         * @deprecated Use danmaku.v1.Joined.$Properties instead.
         */
        interface IJoined extends danmaku.v1.Joined.$Properties {
        }

        /** Represents a Joined. */
        class Joined {

            /**
             * Constructs a new Joined.
             * @param [properties] Properties to set
             */
            constructor(properties?: danmaku.v1.Joined.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Joined room. */
            room: string;

            /** Joined epoch. */
            epoch: string;

            /** Joined lastSeq. */
            lastSeq: number;

            /** Joined viewers. */
            viewers: number;

            /** Joined resumed. */
            resumed: boolean;

            /** Joined gap. */
            gap: boolean;

            /** Joined roomAlias. */
            roomAlias: number;

            /**
             * Creates a new Joined instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Joined instance
             */
            static create(properties: danmaku.v1.Joined.$Shape): danmaku.v1.Joined & danmaku.v1.Joined.$Shape;
            static create(properties?: danmaku.v1.Joined.$Properties): danmaku.v1.Joined;

            /**
             * Encodes the specified Joined message. Does not implicitly {@link danmaku.v1.Joined.verify|verify} messages.
             * @param message Joined message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: danmaku.v1.Joined.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Joined message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {danmaku.v1.Joined & danmaku.v1.Joined.$Shape} Joined
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): danmaku.v1.Joined & danmaku.v1.Joined.$Shape;
        }

        namespace Joined {

            /** Properties of a Joined. */
            interface $Properties {

                /** Joined room */
                room?: (string|null);

                /** Joined epoch */
                epoch?: (string|null);

                /** Joined lastSeq */
                lastSeq?: (number|null);

                /** Joined viewers */
                viewers?: (number|null);

                /** Joined resumed */
                resumed?: (boolean|null);

                /** Joined gap */
                gap?: (boolean|null);

                /** Joined roomAlias */
                roomAlias?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Joined. */
            type $Shape = danmaku.v1.Joined.$Properties;
        }

        /**
         * Properties of a Batch.
         * @deprecated Use danmaku.v1.Batch.$Properties instead.
         */
        interface IBatch extends danmaku.v1.Batch.$Properties {
        }

        /** Represents a Batch. */
        class Batch {

            /**
             * Constructs a new Batch.
             * @param [properties] Properties to set
             */
            constructor(properties?: danmaku.v1.Batch.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Batch room. */
            room: string;

            /** Batch items. */
            items: danmaku.v1.Danmaku.$Properties[];

            /** Batch epoch. */
            epoch: string;

            /** Batch seq. */
            seq: number;

            /**
             * Creates a new Batch instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Batch instance
             */
            static create(properties: danmaku.v1.Batch.$Shape): danmaku.v1.Batch & danmaku.v1.Batch.$Shape;
            static create(properties?: danmaku.v1.Batch.$Properties): danmaku.v1.Batch;

            /**
             * Encodes the specified Batch message. Does not implicitly {@link danmaku.v1.Batch.verify|verify} messages.
             * @param message Batch message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: danmaku.v1.Batch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Batch message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {danmaku.v1.Batch & danmaku.v1.Batch.$Shape} Batch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): danmaku.v1.Batch & danmaku.v1.Batch.$Shape;
        }

        namespace Batch {

            /** Properties of a Batch. */
            interface $Properties {

                /** Batch room */
                room?: (string|null);

                /** Batch items */
                items?: (danmaku.v1.Danmaku.$Properties[]|null);

                /** Batch epoch */
                epoch?: (string|null);

                /** Batch seq */
                seq?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Batch. */
            type $Shape = danmaku.v1.Batch.$Properties;
        }

        /**
         * Properties of a Danmaku.
         * @deprecated Use danmaku.v1.Danmaku.$Properties instead.
         */
        interface IDanmaku extends danmaku.v1.Danmaku.$Properties {
        }

        /** Represents a Danmaku. */
        class Danmaku {

            /**
             * Constructs a new Danmaku.
             * @param [properties] Properties to set
             */
            constructor(properties?: danmaku.v1.Danmaku.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Danmaku id. */
            id: string;

            /** Danmaku userId. */
            userId: string;

            /** Danmaku userName. */
            userName: string;

            /** Danmaku text. */
            text: string;

            /** Danmaku color. */
            color: number;

            /** Danmaku mode. */
            mode: danmaku.v1.Mode;

            /** Danmaku sentAtMs. */
            sentAtMs: number;

            /** Danmaku priority. */
            priority: number;

            /**
             * Creates a new Danmaku instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Danmaku instance
             */
            static create(properties: danmaku.v1.Danmaku.$Shape): danmaku.v1.Danmaku & danmaku.v1.Danmaku.$Shape;
            static create(properties?: danmaku.v1.Danmaku.$Properties): danmaku.v1.Danmaku;

            /**
             * Encodes the specified Danmaku message. Does not implicitly {@link danmaku.v1.Danmaku.verify|verify} messages.
             * @param message Danmaku message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: danmaku.v1.Danmaku.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Danmaku message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {danmaku.v1.Danmaku & danmaku.v1.Danmaku.$Shape} Danmaku
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): danmaku.v1.Danmaku & danmaku.v1.Danmaku.$Shape;
        }

        namespace Danmaku {

            /** Properties of a Danmaku. */
            interface $Properties {

                /** Danmaku id */
                id?: (string|null);

                /** Danmaku userId */
                userId?: (string|null);

                /** Danmaku userName */
                userName?: (string|null);

                /** Danmaku text */
                text?: (string|null);

                /** Danmaku color */
                color?: (number|null);

                /** Danmaku mode */
                mode?: (danmaku.v1.Mode|null);

                /** Danmaku sentAtMs */
                sentAtMs?: (number|null);

                /** Danmaku priority */
                priority?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Danmaku. */
            type $Shape = danmaku.v1.Danmaku.$Properties;
        }

        /**
         * Properties of a Deflated.
         * @deprecated Use danmaku.v1.Deflated.$Properties instead.
         */
        interface IDeflated extends danmaku.v1.Deflated.$Properties {
        }

        /** Represents a Deflated. */
        class Deflated {

            /**
             * Constructs a new Deflated.
             * @param [properties] Properties to set
             */
            constructor(properties?: danmaku.v1.Deflated.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Deflated data. */
            data: Uint8Array;

            /** Deflated size. */
            size: number;

            /** Deflated dictionary. */
            dictionary: number;

            /**
             * Creates a new Deflated instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Deflated instance
             */
            static create(properties: danmaku.v1.Deflated.$Shape): danmaku.v1.Deflated & danmaku.v1.Deflated.$Shape;
            static create(properties?: danmaku.v1.Deflated.$Properties): danmaku.v1.Deflated;

            /**
             * Encodes the specified Deflated message. Does not implicitly {@link danmaku.v1.Deflated.verify|verify} messages.
             * @param message Deflated message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: danmaku.v1.Deflated.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Deflated message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {danmaku.v1.Deflated & danmaku.v1.Deflated.$Shape} Deflated
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): danmaku.v1.Deflated & danmaku.v1.Deflated.$Shape;
        }

        namespace Deflated {

            /** Properties of a Deflated. */
            interface $Properties {

                /** Deflated data */
                data?: (Uint8Array|null);

                /** Deflated size */
                size?: (number|null);

                /** Deflated dictionary */
                dictionary?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Deflated. */
            type $Shape = danmaku.v1.Deflated.$Properties;
        }

        /**
         * Properties of a CompactBatch.
         * @deprecated Use danmaku.v1.CompactBatch.$Properties instead.
         */
        interface ICompactBatch extends danmaku.v1.CompactBatch.$Properties {
        }

        /** Represents a CompactBatch. */
        class CompactBatch {

            /**
             * Constructs a new CompactBatch.
             * @param [properties] Properties to set
             */
            constructor(properties?: danmaku.v1.CompactBatch.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** CompactBatch roomAlias. */
            roomAlias: number;

            /** CompactBatch seq. */
            seq: number;

            /** CompactBatch epoch. */
            epoch: string;

            /** CompactBatch baseTimeMs. */
            baseTimeMs: number;

            /** CompactBatch items. */
            items: danmaku.v1.CompactDanmaku.$Properties[];

            /**
             * Creates a new CompactBatch instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CompactBatch instance
             */
            static create(properties: danmaku.v1.CompactBatch.$Shape): danmaku.v1.CompactBatch & danmaku.v1.CompactBatch.$Shape;
            static create(properties?: danmaku.v1.CompactBatch.$Properties): danmaku.v1.CompactBatch;

            /**
             * Encodes the specified CompactBatch message. Does not implicitly {@link danmaku.v1.CompactBatch.verify|verify} messages.
             * @param message CompactBatch message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: danmaku.v1.CompactBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CompactBatch message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {danmaku.v1.CompactBatch & danmaku.v1.CompactBatch.$Shape} CompactBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): danmaku.v1.CompactBatch & danmaku.v1.CompactBatch.$Shape;
        }

        namespace CompactBatch {

            /** Properties of a CompactBatch. */
            interface $Properties {

                /** CompactBatch roomAlias */
                roomAlias?: (number|null);

                /** CompactBatch seq */
                seq?: (number|null);

                /** CompactBatch epoch */
                epoch?: (string|null);

                /** CompactBatch baseTimeMs */
                baseTimeMs?: (number|null);

                /** CompactBatch items */
                items?: (danmaku.v1.CompactDanmaku.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a CompactBatch. */
            type $Shape = danmaku.v1.CompactBatch.$Properties;
        }

        /**
         * Properties of a CompactDanmaku.
         * @deprecated Use danmaku.v1.CompactDanmaku.$Properties instead.
         */
        interface ICompactDanmaku extends danmaku.v1.CompactDanmaku.$Properties {
        }

        /** Represents a CompactDanmaku. */
        class CompactDanmaku {

            /**
             * Constructs a new CompactDanmaku.
             * @param [properties] Properties to set
             */
            constructor(properties?: danmaku.v1.CompactDanmaku.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** CompactDanmaku id. */
            id: string;

            /** CompactDanmaku userNumber. */
            userNumber: number;

            /** CompactDanmaku userId. */
            userId: string;

            /** CompactDanmaku userName. */
            userName: string;

            /** CompactDanmaku text. */
            text: string;

            /** CompactDanmaku colorXorWhite. */
            colorXorWhite: number;

            /** CompactDanmaku mode. */
            mode: danmaku.v1.Mode;

            /** CompactDanmaku timeDeltaMs. */
            timeDeltaMs: number;

            /** CompactDanmaku priority. */
            priority: number;

            /**
             * Creates a new CompactDanmaku instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CompactDanmaku instance
             */
            static create(properties: danmaku.v1.CompactDanmaku.$Shape): danmaku.v1.CompactDanmaku & danmaku.v1.CompactDanmaku.$Shape;
            static create(properties?: danmaku.v1.CompactDanmaku.$Properties): danmaku.v1.CompactDanmaku;

            /**
             * Encodes the specified CompactDanmaku message. Does not implicitly {@link danmaku.v1.CompactDanmaku.verify|verify} messages.
             * @param message CompactDanmaku message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: danmaku.v1.CompactDanmaku.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CompactDanmaku message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {danmaku.v1.CompactDanmaku & danmaku.v1.CompactDanmaku.$Shape} CompactDanmaku
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): danmaku.v1.CompactDanmaku & danmaku.v1.CompactDanmaku.$Shape;
        }

        namespace CompactDanmaku {

            /** Properties of a CompactDanmaku. */
            interface $Properties {

                /** CompactDanmaku id */
                id?: (string|null);

                /** CompactDanmaku userNumber */
                userNumber?: (number|null);

                /** CompactDanmaku userId */
                userId?: (string|null);

                /** CompactDanmaku userName */
                userName?: (string|null);

                /** CompactDanmaku text */
                text?: (string|null);

                /** CompactDanmaku colorXorWhite */
                colorXorWhite?: (number|null);

                /** CompactDanmaku mode */
                mode?: (danmaku.v1.Mode|null);

                /** CompactDanmaku timeDeltaMs */
                timeDeltaMs?: (number|null);

                /** CompactDanmaku priority */
                priority?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a CompactDanmaku. */
            type $Shape = danmaku.v1.CompactDanmaku.$Properties;
        }

        /**
         * Properties of an Ack.
         * @deprecated Use danmaku.v1.Ack.$Properties instead.
         */
        interface IAck extends danmaku.v1.Ack.$Properties {
        }

        /** Represents an Ack. */
        class Ack {

            /**
             * Constructs a new Ack.
             * @param [properties] Properties to set
             */
            constructor(properties?: danmaku.v1.Ack.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Ack clientMsgId. */
            clientMsgId: string;

            /** Ack ok. */
            ok: boolean;

            /** Ack code. */
            code: danmaku.v1.ErrorCode;

            /** Ack seq. */
            seq: number;

            /** Ack id. */
            id: string;

            /** Ack retryAfterMs. */
            retryAfterMs: number;

            /**
             * Creates a new Ack instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Ack instance
             */
            static create(properties: danmaku.v1.Ack.$Shape): danmaku.v1.Ack & danmaku.v1.Ack.$Shape;
            static create(properties?: danmaku.v1.Ack.$Properties): danmaku.v1.Ack;

            /**
             * Encodes the specified Ack message. Does not implicitly {@link danmaku.v1.Ack.verify|verify} messages.
             * @param message Ack message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: danmaku.v1.Ack.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Ack message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {danmaku.v1.Ack & danmaku.v1.Ack.$Shape} Ack
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): danmaku.v1.Ack & danmaku.v1.Ack.$Shape;
        }

        namespace Ack {

            /** Properties of an Ack. */
            interface $Properties {

                /** Ack clientMsgId */
                clientMsgId?: (string|null);

                /** Ack ok */
                ok?: (boolean|null);

                /** Ack code */
                code?: (danmaku.v1.ErrorCode|null);

                /** Ack seq */
                seq?: (number|null);

                /** Ack id */
                id?: (string|null);

                /** Ack retryAfterMs */
                retryAfterMs?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Ack. */
            type $Shape = danmaku.v1.Ack.$Properties;
        }

        /**
         * Properties of a Pong.
         * @deprecated Use danmaku.v1.Pong.$Properties instead.
         */
        interface IPong extends danmaku.v1.Pong.$Properties {
        }

        /** Represents a Pong. */
        class Pong {

            /**
             * Constructs a new Pong.
             * @param [properties] Properties to set
             */
            constructor(properties?: danmaku.v1.Pong.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Pong clientTimeMs. */
            clientTimeMs: number;

            /** Pong serverTimeMs. */
            serverTimeMs: number;

            /**
             * Creates a new Pong instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Pong instance
             */
            static create(properties: danmaku.v1.Pong.$Shape): danmaku.v1.Pong & danmaku.v1.Pong.$Shape;
            static create(properties?: danmaku.v1.Pong.$Properties): danmaku.v1.Pong;

            /**
             * Encodes the specified Pong message. Does not implicitly {@link danmaku.v1.Pong.verify|verify} messages.
             * @param message Pong message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: danmaku.v1.Pong.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Pong message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {danmaku.v1.Pong & danmaku.v1.Pong.$Shape} Pong
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): danmaku.v1.Pong & danmaku.v1.Pong.$Shape;
        }

        namespace Pong {

            /** Properties of a Pong. */
            interface $Properties {

                /** Pong clientTimeMs */
                clientTimeMs?: (number|null);

                /** Pong serverTimeMs */
                serverTimeMs?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Pong. */
            type $Shape = danmaku.v1.Pong.$Properties;
        }

        /**
         * Properties of a Recall.
         * @deprecated Use danmaku.v1.Recall.$Properties instead.
         */
        interface IRecall extends danmaku.v1.Recall.$Properties {
        }

        /** Represents a Recall. */
        class Recall {

            /**
             * Constructs a new Recall.
             * @param [properties] Properties to set
             */
            constructor(properties?: danmaku.v1.Recall.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Recall room. */
            room: string;

            /** Recall ids. */
            ids: string[];

            /**
             * Creates a new Recall instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Recall instance
             */
            static create(properties: danmaku.v1.Recall.$Shape): danmaku.v1.Recall & danmaku.v1.Recall.$Shape;
            static create(properties?: danmaku.v1.Recall.$Properties): danmaku.v1.Recall;

            /**
             * Encodes the specified Recall message. Does not implicitly {@link danmaku.v1.Recall.verify|verify} messages.
             * @param message Recall message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: danmaku.v1.Recall.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Recall message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {danmaku.v1.Recall & danmaku.v1.Recall.$Shape} Recall
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): danmaku.v1.Recall & danmaku.v1.Recall.$Shape;
        }

        namespace Recall {

            /** Properties of a Recall. */
            interface $Properties {

                /** Recall room */
                room?: (string|null);

                /** Recall ids */
                ids?: (string[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Recall. */
            type $Shape = danmaku.v1.Recall.$Properties;
        }

        /**
         * Properties of a Notice.
         * @deprecated Use danmaku.v1.Notice.$Properties instead.
         */
        interface INotice extends danmaku.v1.Notice.$Properties {
        }

        /** Represents a Notice. */
        class Notice {

            /**
             * Constructs a new Notice.
             * @param [properties] Properties to set
             */
            constructor(properties?: danmaku.v1.Notice.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Notice room. */
            room: string;

            /** Notice text. */
            text: string;

            /**
             * Creates a new Notice instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Notice instance
             */
            static create(properties: danmaku.v1.Notice.$Shape): danmaku.v1.Notice & danmaku.v1.Notice.$Shape;
            static create(properties?: danmaku.v1.Notice.$Properties): danmaku.v1.Notice;

            /**
             * Encodes the specified Notice message. Does not implicitly {@link danmaku.v1.Notice.verify|verify} messages.
             * @param message Notice message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: danmaku.v1.Notice.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Notice message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {danmaku.v1.Notice & danmaku.v1.Notice.$Shape} Notice
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): danmaku.v1.Notice & danmaku.v1.Notice.$Shape;
        }

        namespace Notice {

            /** Properties of a Notice. */
            interface $Properties {

                /** Notice room */
                room?: (string|null);

                /** Notice text */
                text?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Notice. */
            type $Shape = danmaku.v1.Notice.$Properties;
        }

        /**
         * Properties of an Error.
         * @deprecated Use danmaku.v1.Error.$Properties instead.
         */
        interface IError extends danmaku.v1.Error.$Properties {
        }

        /** Represents an Error. */
        class Error {

            /**
             * Constructs a new Error.
             * @param [properties] Properties to set
             */
            constructor(properties?: danmaku.v1.Error.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Error code. */
            code: danmaku.v1.ErrorCode;

            /** Error message. */
            message: string;

            /**
             * Creates a new Error instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Error instance
             */
            static create(properties: danmaku.v1.Error.$Shape): danmaku.v1.Error & danmaku.v1.Error.$Shape;
            static create(properties?: danmaku.v1.Error.$Properties): danmaku.v1.Error;

            /**
             * Encodes the specified Error message. Does not implicitly {@link danmaku.v1.Error.verify|verify} messages.
             * @param message Error message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: danmaku.v1.Error.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Error message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {danmaku.v1.Error & danmaku.v1.Error.$Shape} Error
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): danmaku.v1.Error & danmaku.v1.Error.$Shape;
        }

        namespace Error {

            /** Properties of an Error. */
            interface $Properties {

                /** Error code */
                code?: (danmaku.v1.ErrorCode|null);

                /** Error message */
                message?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Error. */
            type $Shape = danmaku.v1.Error.$Properties;
        }

        /**
         * Properties of a GoAway.
         * @deprecated Use danmaku.v1.GoAway.$Properties instead.
         */
        interface IGoAway extends danmaku.v1.GoAway.$Properties {
        }

        /** Represents a GoAway. */
        class GoAway {

            /**
             * Constructs a new GoAway.
             * @param [properties] Properties to set
             */
            constructor(properties?: danmaku.v1.GoAway.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** GoAway reason. */
            reason: string;

            /** GoAway reconnectDelayMs. */
            reconnectDelayMs: number;

            /**
             * Creates a new GoAway instance using the specified properties.
             * @param [properties] Properties to set
             * @returns GoAway instance
             */
            static create(properties: danmaku.v1.GoAway.$Shape): danmaku.v1.GoAway & danmaku.v1.GoAway.$Shape;
            static create(properties?: danmaku.v1.GoAway.$Properties): danmaku.v1.GoAway;

            /**
             * Encodes the specified GoAway message. Does not implicitly {@link danmaku.v1.GoAway.verify|verify} messages.
             * @param message GoAway message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: danmaku.v1.GoAway.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a GoAway message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {danmaku.v1.GoAway & danmaku.v1.GoAway.$Shape} GoAway
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): danmaku.v1.GoAway & danmaku.v1.GoAway.$Shape;
        }

        namespace GoAway {

            /** Properties of a GoAway. */
            interface $Properties {

                /** GoAway reason */
                reason?: (string|null);

                /** GoAway reconnectDelayMs */
                reconnectDelayMs?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a GoAway. */
            type $Shape = danmaku.v1.GoAway.$Properties;
        }

        /**
         * Properties of a Left.
         * @deprecated Use danmaku.v1.Left.$Properties instead.
         */
        interface ILeft extends danmaku.v1.Left.$Properties {
        }

        /** Represents a Left. */
        class Left {

            /**
             * Constructs a new Left.
             * @param [properties] Properties to set
             */
            constructor(properties?: danmaku.v1.Left.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Left room. */
            room: string;

            /**
             * Creates a new Left instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Left instance
             */
            static create(properties: danmaku.v1.Left.$Shape): danmaku.v1.Left & danmaku.v1.Left.$Shape;
            static create(properties?: danmaku.v1.Left.$Properties): danmaku.v1.Left;

            /**
             * Encodes the specified Left message. Does not implicitly {@link danmaku.v1.Left.verify|verify} messages.
             * @param message Left message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: danmaku.v1.Left.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Left message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {danmaku.v1.Left & danmaku.v1.Left.$Shape} Left
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): danmaku.v1.Left & danmaku.v1.Left.$Shape;
        }

        namespace Left {

            /** Properties of a Left. */
            interface $Properties {

                /** Left room */
                room?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Left. */
            type $Shape = danmaku.v1.Left.$Properties;
        }

        /**
         * Properties of a Presence.
         * @deprecated Use danmaku.v1.Presence.$Properties instead.
         */
        interface IPresence extends danmaku.v1.Presence.$Properties {
        }

        /** Represents a Presence. */
        class Presence {

            /**
             * Constructs a new Presence.
             * @param [properties] Properties to set
             */
            constructor(properties?: danmaku.v1.Presence.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Presence room. */
            room: string;

            /** Presence viewers. */
            viewers: number;

            /**
             * Creates a new Presence instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Presence instance
             */
            static create(properties: danmaku.v1.Presence.$Shape): danmaku.v1.Presence & danmaku.v1.Presence.$Shape;
            static create(properties?: danmaku.v1.Presence.$Properties): danmaku.v1.Presence;

            /**
             * Encodes the specified Presence message. Does not implicitly {@link danmaku.v1.Presence.verify|verify} messages.
             * @param message Presence message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: danmaku.v1.Presence.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Presence message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {danmaku.v1.Presence & danmaku.v1.Presence.$Shape} Presence
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): danmaku.v1.Presence & danmaku.v1.Presence.$Shape;
        }

        namespace Presence {

            /** Properties of a Presence. */
            interface $Properties {

                /** Presence room */
                room?: (string|null);

                /** Presence viewers */
                viewers?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Presence. */
            type $Shape = danmaku.v1.Presence.$Properties;
        }
    }
}
