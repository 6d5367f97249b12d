// Generated from the OpenAPI document by `npm run gen:client`. Do not edit.
/* biome-ignore-all format: generated */
/* biome-ignore-all lint: generated */
export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is alive */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok" | "unavailable";
                            checks?: {
                                [key: string]: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The database answers and its migrations are current */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok" | "unavailable";
                            checks?: {
                                [key: string]: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok" | "unavailable";
                            checks?: {
                                [key: string]: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a user (operator), optionally with an API key shown once */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description A retry with the same key returns the first answer. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email: string;
                        name: string;
                        /** @enum {string} */
                        role: "buyer" | "seller" | "agent" | "operator";
                        /** @example sel_01jx3v7k2m9q8r5t6w4y1z0abc */
                        seller_id?: string;
                        password?: string;
                        /** @enum {string} */
                        locale?: "en" | "zh-CN";
                        api_key?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: components["schemas"]["User"];
                            /** @description The new API key, shown this once (only its hash is stored). Null when none was asked for, and in the answer replayed to a retry with the same Idempotency-Key: if the first answer was lost, disable the user or have the key revoked and create another. */
                            api_key: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sellers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a shop (operator) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description A retry with the same key returns the first answer. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @example America/New_York */
                        time_zone: string;
                        /** @example US */
                        region: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Seller"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Log in with e-mail and password; sets an httpOnly session cookie */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        email: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: components["schemas"]["User"];
                            csrf_token: string;
                            /**
                             * Format: date-time
                             * @example 2026-03-02T09:00:00.000Z
                             */
                            expires_at: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /** Log out */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who am I */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            user: components["schemas"]["User"];
                            csrf_token: string | null;
                            /** @enum {string} */
                            via: "api_key" | "session" | "admin_token";
                            unread_messages: number;
                            unread_notifications: number;
                            /**
                             * Format: date-time
                             * @description The server's clock (the manual test clock when it is on)
                             * @example 2026-03-02T09:00:00.000Z
                             */
                            server_time: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/api_keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your API keys, newest first (revoked ones too; never the key itself) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["ApiKey"][];
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/api_keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke one of your API keys: it stops working at once, streams within seconds */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your signed-in sessions that have not expired, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Session"][];
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Log one of your sessions out (on any device); its streams end within seconds */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Disable a user (operator): no login; their sessions end and their keys stop working */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description A retry with the same key returns the first answer. */
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enable a disabled user again (operator); their keys work again */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description A retry with the same key returns the first answer. */
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Orders in your reach, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Order"][];
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Ingest an order (operator); idempotent on the marketplace's order id
         * @description The same order sent again answers 200 with the stored order, and fills in `delivered_at` if it had none. The same `external_id` with another seller, buyer, currency, time, money or lines answers 409 naming the fields that differ.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description A retry with the same key returns the first answer. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        external_id: string;
                        /** @example sel_01jx3v7k2m9q8r5t6w4y1z0abc */
                        seller_id: string;
                        /** @example usr_01jx3v7k2m9q8r5t6w4y1z0abc */
                        buyer_id: string;
                        /** @example USD */
                        currency: string;
                        /**
                         * Format: date-time
                         * @description RFC 3339 instant, e.g. 2026-03-02T09:00:00Z
                         */
                        placed_at: string;
                        delivered_at?: string | null;
                        /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                        shipping_amount: number;
                        /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                        order_discount_amount?: number;
                        payment_reference: string;
                        /** @description Where the order was delivered: the buyer's country picks the shop's return address, and a prepaid return label starts here */
                        ship_to?: {
                            name: string;
                            line1: string;
                            line2?: string | null;
                            city: string;
                            region?: string | null;
                            postal_code: string;
                            /**
                             * @description ISO 3166-1 alpha-2, in capitals
                             * @example US
                             */
                            country: string;
                            phone?: string | null;
                        };
                        lines: {
                            sku: string;
                            title: string;
                            category: string;
                            quantity: number;
                            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                            unit_price: number;
                            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                            line_discount_amount?: number;
                            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                            tax_amount?: number;
                            /** @description Whether the SKU is in stock (a replacement needs it) */
                            in_stock?: boolean;
                            /** @description Other variants of the listing a buyer may exchange this line for (same or lower price) */
                            variants?: {
                                sku: string;
                                title: string;
                                /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                                unit_price: number;
                                in_stock: boolean;
                            }[];
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["IngestedOrder"];
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["IngestedOrder"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One order with its lines */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Order"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/eligibility": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Which lines can be returned now, and why not */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Eligibility"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sellers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A shop: name, time zone and region (its staff, its buyers, agents, operators) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Seller"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sellers/{id}/return_policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A shop's return policy, to anyone (no credentials needed); `version` reads an earlier one */
        get: {
            parameters: {
                query?: {
                    version?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            seller_id: string;
                            shop_name: string;
                            version: number;
                            current_version: number;
                            time_zone: string;
                            region: string;
                            policy: components["schemas"]["ReturnPolicy"];
                            /**
                             * Format: date-time
                             * @example 2026-03-02T09:00:00.000Z
                             */
                            updated_at: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /** Replace the shop's return policy; omitted fields take the defaults */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            /** @description A ReturnPolicy; omitted fields take the defaults */
            requestBody: {
                content: {
                    "application/json": {
                        currency?: string;
                        window_days?: number;
                        categories?: {
                            [key: string]: {
                                returnable?: boolean;
                                window_days?: number;
                                reasons_allowed?: string[];
                            };
                        };
                        reasons_allowed?: string[];
                        refund_only_reasons?: string[];
                        condition_text?: string;
                        preparation_checklist?: string[];
                        return_shipping_payer?: {
                            seller?: string;
                            buyer?: string;
                        };
                        return_shipping_reimbursement_cap?: number;
                        return_postage?: string;
                        restocking_fee_pct?: number;
                        max_deduction_pct?: number;
                        refund_destinations?: string[];
                        auto_approval?: {
                            fault?: string;
                            reasons?: string[];
                            case_types?: string[];
                            max_amount?: number;
                        }[];
                        returnless_refunds?: {
                            reasons?: string[];
                            categories?: string[];
                            max_amount: number;
                        }[];
                        returnless_limit?: {
                            count?: number;
                            days?: number;
                        };
                        appeal_window_days?: number;
                        tracking_silence_days?: number;
                        reminder_hours_before?: number[];
                        deadlines?: {
                            seller_review?: {
                                hours: number;
                            } | {
                                business_days: number;
                            };
                            seller_review_after_offer?: {
                                hours: number;
                            } | {
                                business_days: number;
                            };
                            buyer_offer?: {
                                hours: number;
                            } | {
                                business_days: number;
                            };
                            buyer_contest?: {
                                hours: number;
                            } | {
                                business_days: number;
                            };
                            buyer_ship?: {
                                hours: number;
                            } | {
                                business_days: number;
                            };
                            seller_receive?: {
                                hours: number;
                            } | {
                                business_days: number;
                            };
                            receiving_extension?: {
                                hours: number;
                            } | {
                                business_days: number;
                            };
                            seller_inspect?: {
                                hours: number;
                            } | {
                                business_days: number;
                            };
                            evidence_response?: {
                                hours: number;
                            } | {
                                business_days: number;
                            };
                            seller_dispatch?: {
                                hours: number;
                            } | {
                                business_days: number;
                            };
                            buyer_confirm?: {
                                hours: number;
                            } | {
                                business_days: number;
                            };
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            seller_id: string;
                            shop_name: string;
                            version: number;
                            current_version: number;
                            time_zone: string;
                            region: string;
                            policy: components["schemas"]["ReturnPolicy"];
                            /**
                             * Format: date-time
                             * @example 2026-03-02T09:00:00.000Z
                             */
                            updated_at: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sellers/{id}/return_policy/jsonld": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The shop's current policy as schema.org MerchantReturnPolicy JSON-LD (application/ld+json), for product pages; to anyone */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            "@context": string;
                            "@graph": {
                                [key: string]: unknown;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sellers/{id}/return_policy/simulate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What a draft policy would have changed over the shop's cases of a past period (nothing is written)
         * @description Each case requested in the period is replayed under the draft with the domain rules: the people's acts at their recorded times, the automatic approvals, returnless refunds, deadline expiries and refund amounts decided again. Where the draft leads elsewhere than the record (it auto-approves what the seller rejected), the replay stops and the case counts with what the draft had reached. For the shop's staff, agents and operators.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description A ReturnPolicy; omitted fields take the defaults */
                        policy: {
                            currency?: string;
                            window_days?: number;
                            categories?: {
                                [key: string]: {
                                    returnable?: boolean;
                                    window_days?: number;
                                    reasons_allowed?: string[];
                                };
                            };
                            reasons_allowed?: string[];
                            refund_only_reasons?: string[];
                            condition_text?: string;
                            preparation_checklist?: string[];
                            return_shipping_payer?: {
                                seller?: string;
                                buyer?: string;
                            };
                            return_shipping_reimbursement_cap?: number;
                            return_postage?: string;
                            restocking_fee_pct?: number;
                            max_deduction_pct?: number;
                            refund_destinations?: string[];
                            auto_approval?: {
                                fault?: string;
                                reasons?: string[];
                                case_types?: string[];
                                max_amount?: number;
                            }[];
                            returnless_refunds?: {
                                reasons?: string[];
                                categories?: string[];
                                max_amount: number;
                            }[];
                            returnless_limit?: {
                                count?: number;
                                days?: number;
                            };
                            appeal_window_days?: number;
                            tracking_silence_days?: number;
                            reminder_hours_before?: number[];
                            deadlines?: {
                                seller_review?: {
                                    hours: number;
                                } | {
                                    business_days: number;
                                };
                                seller_review_after_offer?: {
                                    hours: number;
                                } | {
                                    business_days: number;
                                };
                                buyer_offer?: {
                                    hours: number;
                                } | {
                                    business_days: number;
                                };
                                buyer_contest?: {
                                    hours: number;
                                } | {
                                    business_days: number;
                                };
                                buyer_ship?: {
                                    hours: number;
                                } | {
                                    business_days: number;
                                };
                                seller_receive?: {
                                    hours: number;
                                } | {
                                    business_days: number;
                                };
                                receiving_extension?: {
                                    hours: number;
                                } | {
                                    business_days: number;
                                };
                                seller_inspect?: {
                                    hours: number;
                                } | {
                                    business_days: number;
                                };
                                evidence_response?: {
                                    hours: number;
                                } | {
                                    business_days: number;
                                };
                                seller_dispatch?: {
                                    hours: number;
                                } | {
                                    business_days: number;
                                };
                                buyer_confirm?: {
                                    hours: number;
                                } | {
                                    business_days: number;
                                };
                            };
                        };
                        /**
                         * Format: date
                         * @description First day (the shop's calendar), included
                         * @example 2026-03-01
                         */
                        from: string;
                        /**
                         * Format: date
                         * @description Last day, included; not after today, at most 366 days after from
                         * @example 2026-03-01
                         */
                        to: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PolicySimulation"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sellers/{id}/return_addresses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A shop's return addresses, the default first (its staff, agents, operators) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["ReturnAddress"][];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Add a return address serving some buyer countries; the first one (or is_default) is the default */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description A retry with the same key returns the first answer. */
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        line1: string;
                        line2?: string | null;
                        city: string;
                        region?: string | null;
                        postal_code: string;
                        /**
                         * @description ISO 3166-1 alpha-2, in capitals
                         * @example US
                         */
                        country: string;
                        phone?: string | null;
                        /** @description Shown to the buyer with the address ("Write the case reference on the box") */
                        instructions?: string | null;
                        /**
                         * @description Buyer countries (ISO 3166-1 alpha-2) this address serves; buyers elsewhere get the default
                         * @default []
                         */
                        buyer_countries?: string[];
                        is_default?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReturnAddress"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sellers/{id}/return_addresses/{address_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Replace a return address (cases already approved keep the address they were given) */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description A retry with the same key returns the first answer. */
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                    address_id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        line1: string;
                        line2?: string | null;
                        city: string;
                        region?: string | null;
                        postal_code: string;
                        /**
                         * @description ISO 3166-1 alpha-2, in capitals
                         * @example US
                         */
                        country: string;
                        phone?: string | null;
                        /** @description Shown to the buyer with the address ("Write the case reference on the box") */
                        instructions?: string | null;
                        /**
                         * @description Buyer countries (ISO 3166-1 alpha-2) this address serves; buyers elsewhere get the default
                         * @default []
                         */
                        buyer_countries?: string[];
                        is_default?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReturnAddress"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        /** Remove a return address (not the default while others remain) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    address_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns/{id}/label": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The prepaid return label: the PDF to print, or (format=qr) the drop-off QR code */
        get: {
            parameters: {
                query?: {
                    format?: "pdf" | "qr";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description application/pdf, or image/png for format=qr */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/provider_events/{provider}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A tracking provider's webhook (EasyPost tracker events, Shippo track_updated)
         * @description Point the provider's webhook here. EasyPost: `X-Hmac-Signature` with EASYPOST_WEBHOOK_SECRET. Shippo: `Shippo-Auth-Signature` with SHIPPO_WEBHOOK_SECRET. Each scan is applied to the cases shipped with its number once; a repeat changes nothing. 404 when the provider is not the configured one.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    provider: "easypost" | "shippo";
                };
                cookie?: never;
            };
            /** @description The provider's event, as it documents it */
            requestBody: {
                content: {
                    "application/json": unknown;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            results: {
                                event_id: string;
                                duplicate: boolean;
                                case_ids: string[];
                                applied: {
                                    case_id: string;
                                    command: string | null;
                                    skipped?: string;
                                }[];
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/provider_events/stripe/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stripe's refund webhooks (refund.updated, refund.failed, charge.refund.updated)
         * @description Point a Stripe webhook endpoint here, signed with STRIPE_WEBHOOK_SECRET (`Stripe-Signature`). A refund Stripe settles or fails moves its case as the refund worker would; one Sendback did not make is acknowledged and ignored.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The provider's event, as it documents it */
            requestBody: {
                content: {
                    "application/json": unknown;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            results: {
                                refund_id: string | null;
                                provider_reference: string;
                                recorded: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/platform/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The thresholds over which a buyer gets no automatic approval or returnless refund (agents, operators) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PlatformRules"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /** Set the platform thresholds for automatic decisions (operators) */
        put: {
            parameters: {
                query?: never;
                header?: {
                    /** @description A retry with the same key returns the first answer. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PlatformRulesInput"];
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PlatformRules"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Return cases in your reach, filtered and sorted, by cursor pages */
        get: {
            parameters: {
                query?: {
                    /** @description One or more states (repeat the parameter) */
                    status?: ("requested" | "partial_offer" | "rejected" | "awaiting_shipment" | "in_transit" | "delivered" | "package_rejected" | "disputed" | "refund_pending" | "refund_failed" | "refunded" | "closed" | "cancelled" | "appealed" | "replacement_pending" | "replacement_shipped") | ("requested" | "partial_offer" | "rejected" | "awaiting_shipment" | "in_transit" | "delivered" | "package_rejected" | "disputed" | "refund_pending" | "refund_failed" | "refunded" | "closed" | "cancelled" | "appealed" | "replacement_pending" | "replacement_shipped")[];
                    type?: "return_and_refund" | "refund_only" | "replacement" | "exchange";
                    reason?: "damaged" | "defective" | "wrong_item" | "not_as_described" | "missing_parts" | "changed_mind" | "wrong_size" | "no_longer_needed";
                    seller_id?: string;
                    buyer_id?: string;
                    order_id?: string;
                    /** @description RFC 3339 instant, e.g. 2026-03-02T09:00:00Z */
                    due_before?: string;
                    /** @description RFC 3339 instant, e.g. 2026-03-02T09:00:00Z */
                    created_from?: string;
                    /** @description RFC 3339 instant, e.g. 2026-03-02T09:00:00Z */
                    created_to?: string;
                    /** @description Search: the marketplace's order number (exactly or its beginning) or the buyer's name (its beginning, any case) */
                    q?: string;
                    sort?: "due_at" | "created_at" | "-created_at";
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["ReturnCaseSummary"][];
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** File a return request (buyer) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description A retry with the same key returns the first answer. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @example ord_01jx3v7k2m9q8r5t6w4y1z0abc */
                        order_id: string;
                        /**
                         * @default return_and_refund
                         * @enum {string}
                         */
                        type?: "return_and_refund" | "refund_only" | "replacement" | "exchange";
                        /** @enum {string} */
                        reason: "damaged" | "defective" | "wrong_item" | "not_as_described" | "missing_parts" | "changed_mind" | "wrong_size" | "no_longer_needed";
                        description: string;
                        lines: {
                            /** @example lin_01jx3v7k2m9q8r5t6w4y1z0abc */
                            order_line_id: string;
                            quantity: number;
                        }[];
                        /**
                         * @default original_payment
                         * @enum {string}
                         */
                        refund_destination?: "original_payment" | "platform_balance";
                        attachment_ids?: string[];
                        /** @description An exchange: the SKU of the variant wanted (a variant of the returned line, in stock, at the same or a lower price) */
                        exchange_sku?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReturnCase"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One case: lines, refund preview, next action and the commands you may run */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReturnCase"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The case's timeline: every event with its actor, hash-chained */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["CaseEvent"][];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * approve (seller)
         * @description Runs `approve` on the case. 409 with `allowed_commands` when the case's state does not allow it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The case's ETag as GET sent it (`"3"`; a bare `3` also works); 412 when the case has moved on. Compared strongly (RFC 9110): a weak tag (`W/"3"`) never matches. `*` matches any version. */
                    "if-match"?: string;
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReturnCase"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * reject (seller)
         * @description Runs `reject` on the case. 409 with `allowed_commands` when the case's state does not allow it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The case's ETag as GET sent it (`"3"`; a bare `3` also works); 412 when the case has moved on. Compared strongly (RFC 9110): a weak tag (`W/"3"`) never matches. `*` matches any version. */
                    "if-match"?: string;
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        reason: "no_defect_found" | "damage_caused_by_buyer" | "item_used" | "insufficient_evidence" | "duplicate_request" | "other";
                        note: string;
                        attachment_ids?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReturnCase"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns/{id}/offer_partial_refund": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * offer_partial_refund (seller)
         * @description Runs `offer_partial_refund` on the case. 409 with `allowed_commands` when the case's state does not allow it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The case's ETag as GET sent it (`"3"`; a bare `3` also works); 412 when the case has moved on. Compared strongly (RFC 9110): a weak tag (`W/"3"`) never matches. `*` matches any version. */
                    "if-match"?: string;
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                        amount: number;
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReturnCase"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns/{id}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * withdraw (buyer)
         * @description Runs `withdraw` on the case. 409 with `allowed_commands` when the case's state does not allow it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The case's ETag as GET sent it (`"3"`; a bare `3` also works); 412 when the case has moved on. Compared strongly (RFC 9110): a weak tag (`W/"3"`) never matches. `*` matches any version. */
                    "if-match"?: string;
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReturnCase"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns/{id}/accept_offer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * accept_offer (buyer)
         * @description Runs `accept_offer` on the case. 409 with `allowed_commands` when the case's state does not allow it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The case's ETag as GET sent it (`"3"`; a bare `3` also works); 412 when the case has moved on. Compared strongly (RFC 9110): a weak tag (`W/"3"`) never matches. `*` matches any version. */
                    "if-match"?: string;
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReturnCase"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns/{id}/decline_offer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * decline_offer (buyer)
         * @description Runs `decline_offer` on the case. 409 with `allowed_commands` when the case's state does not allow it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The case's ETag as GET sent it (`"3"`; a bare `3` also works); 412 when the case has moved on. Compared strongly (RFC 9110): a weak tag (`W/"3"`) never matches. `*` matches any version. */
                    "if-match"?: string;
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReturnCase"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns/{id}/resubmit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * resubmit (buyer)
         * @description Runs `resubmit` on the case. 409 with `allowed_commands` when the case's state does not allow it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The case's ETag as GET sent it (`"3"`; a bare `3` also works); 412 when the case has moved on. Compared strongly (RFC 9110): a weak tag (`W/"3"`) never matches. `*` matches any version. */
                    "if-match"?: string;
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description: string;
                        /** @enum {string} */
                        reason?: "damaged" | "defective" | "wrong_item" | "not_as_described" | "missing_parts" | "changed_mind" | "wrong_size" | "no_longer_needed";
                        attachment_ids?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReturnCase"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns/{id}/escalate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * escalate (buyer)
         * @description Runs `escalate` on the case. 409 with `allowed_commands` when the case's state does not allow it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The case's ETag as GET sent it (`"3"`; a bare `3` also works); 412 when the case has moved on. Compared strongly (RFC 9110): a weak tag (`W/"3"`) never matches. `*` matches any version. */
                    "if-match"?: string;
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note: string;
                        attachment_ids?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReturnCase"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns/{id}/ship": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * ship (buyer)
         * @description Runs `ship` on the case. 409 with `allowed_commands` when the case's state does not allow it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The case's ETag as GET sent it (`"3"`; a bare `3` also works); 412 when the case has moved on. Compared strongly (RFC 9110): a weak tag (`W/"3"`) never matches. `*` matches any version. */
                    "if-match"?: string;
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        carrier: string;
                        tracking_number: string;
                        /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                        shipping_cost?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReturnCase"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns/{id}/request_label": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * request_label (seller, agent)
         * @description Runs `request_label` on the case. 409 with `allowed_commands` when the case's state does not allow it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The case's ETag as GET sent it (`"3"`; a bare `3` also works); 412 when the case has moved on. Compared strongly (RFC 9110): a weak tag (`W/"3"`) never matches. `*` matches any version. */
                    "if-match"?: string;
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReturnCase"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns/{id}/mark_received": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * mark_received (seller)
         * @description Runs `mark_received` on the case. 409 with `allowed_commands` when the case's state does not allow it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The case's ETag as GET sent it (`"3"`; a bare `3` also works); 412 when the case has moved on. Compared strongly (RFC 9110): a weak tag (`W/"3"`) never matches. `*` matches any version. */
                    "if-match"?: string;
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReturnCase"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns/{id}/extend_receiving": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * extend_receiving (seller)
         * @description Runs `extend_receiving` on the case. 409 with `allowed_commands` when the case's state does not allow it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The case's ETag as GET sent it (`"3"`; a bare `3` also works); 412 when the case has moved on. Compared strongly (RFC 9110): a weak tag (`W/"3"`) never matches. `*` matches any version. */
                    "if-match"?: string;
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReturnCase"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns/{id}/dispute_receipt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * dispute_receipt (seller)
         * @description Runs `dispute_receipt` on the case. 409 with `allowed_commands` when the case's state does not allow it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The case's ETag as GET sent it (`"3"`; a bare `3` also works); 412 when the case has moved on. Compared strongly (RFC 9110): a weak tag (`W/"3"`) never matches. `*` matches any version. */
                    "if-match"?: string;
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note: string;
                        attachment_ids?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReturnCase"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns/{id}/accept_package": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * accept_package (seller)
         * @description Runs `accept_package` on the case. 409 with `allowed_commands` when the case's state does not allow it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The case's ETag as GET sent it (`"3"`; a bare `3` also works); 412 when the case has moved on. Compared strongly (RFC 9110): a weak tag (`W/"3"`) never matches. `*` matches any version. */
                    "if-match"?: string;
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                        deduction_amount?: number;
                        /** @description Per returned line: how many units are resellable, damaged or to be destroyed (together, every returned unit) */
                        dispositions?: {
                            /** @example lin_01jx3v7k2m9q8r5t6w4y1z0abc */
                            order_line_id: string;
                            quantity: number;
                            /** @enum {string} */
                            disposition: "resellable" | "damaged" | "destroy";
                        }[];
                        note?: string;
                        attachment_ids?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReturnCase"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns/{id}/reject_package": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * reject_package (seller)
         * @description Runs `reject_package` on the case. 409 with `allowed_commands` when the case's state does not allow it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The case's ETag as GET sent it (`"3"`; a bare `3` also works); 412 when the case has moved on. Compared strongly (RFC 9110): a weak tag (`W/"3"`) never matches. `*` matches any version. */
                    "if-match"?: string;
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        reason: "empty_package" | "wrong_item" | "used_or_damaged" | "missing_parts";
                        note: string;
                        attachment_ids: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReturnCase"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns/{id}/submit_evidence": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * submit_evidence (buyer, seller)
         * @description Runs `submit_evidence` on the case. 409 with `allowed_commands` when the case's state does not allow it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The case's ETag as GET sent it (`"3"`; a bare `3` also works); 412 when the case has moved on. Compared strongly (RFC 9110): a weak tag (`W/"3"`) never matches. `*` matches any version. */
                    "if-match"?: string;
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note: string;
                        attachment_ids?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReturnCase"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns/{id}/request_evidence": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * request_evidence (agent)
         * @description Runs `request_evidence` on the case. 409 with `allowed_commands` when the case's state does not allow it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The case's ETag as GET sent it (`"3"`; a bare `3` also works); 412 when the case has moved on. Compared strongly (RFC 9110): a weak tag (`W/"3"`) never matches. `*` matches any version. */
                    "if-match"?: string;
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        from: "buyer" | "seller";
                        note: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReturnCase"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns/{id}/rule_for_buyer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * rule_for_buyer (agent)
         * @description Runs `rule_for_buyer` on the case. 409 with `allowed_commands` when the case's state does not allow it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The case's ETag as GET sent it (`"3"`; a bare `3` also works); 412 when the case has moved on. Compared strongly (RFC 9110): a weak tag (`W/"3"`) never matches. `*` matches any version. */
                    "if-match"?: string;
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                        amount?: number;
                        note: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReturnCase"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns/{id}/rule_for_seller": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * rule_for_seller (agent)
         * @description Runs `rule_for_seller` on the case. 409 with `allowed_commands` when the case's state does not allow it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The case's ETag as GET sent it (`"3"`; a bare `3` also works); 412 when the case has moved on. Compared strongly (RFC 9110): a weak tag (`W/"3"`) never matches. `*` matches any version. */
                    "if-match"?: string;
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReturnCase"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns/{id}/retry_refund": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * retry_refund (agent)
         * @description Runs `retry_refund` on the case. 409 with `allowed_commands` when the case's state does not allow it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The case's ETag as GET sent it (`"3"`; a bare `3` also works); 412 when the case has moved on. Compared strongly (RFC 9110): a weak tag (`W/"3"`) never matches. `*` matches any version. */
                    "if-match"?: string;
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        destination?: "original_payment" | "platform_balance";
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReturnCase"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns/{id}/approve_as_refund": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * approve_as_refund (seller)
         * @description Runs `approve_as_refund` on the case. 409 with `allowed_commands` when the case's state does not allow it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The case's ETag as GET sent it (`"3"`; a bare `3` also works); 412 when the case has moved on. Compared strongly (RFC 9110): a weak tag (`W/"3"`) never matches. `*` matches any version. */
                    "if-match"?: string;
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReturnCase"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns/{id}/dispatch_replacement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * dispatch_replacement (seller)
         * @description Runs `dispatch_replacement` on the case. 409 with `allowed_commands` when the case's state does not allow it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The case's ETag as GET sent it (`"3"`; a bare `3` also works); 412 when the case has moved on. Compared strongly (RFC 9110): a weak tag (`W/"3"`) never matches. `*` matches any version. */
                    "if-match"?: string;
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        carrier: string;
                        tracking_number: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReturnCase"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns/{id}/replacement_unavailable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * replacement_unavailable (seller)
         * @description Runs `replacement_unavailable` on the case. 409 with `allowed_commands` when the case's state does not allow it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The case's ETag as GET sent it (`"3"`; a bare `3` also works); 412 when the case has moved on. Compared strongly (RFC 9110): a weak tag (`W/"3"`) never matches. `*` matches any version. */
                    "if-match"?: string;
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReturnCase"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns/{id}/confirm_replacement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * confirm_replacement (buyer)
         * @description Runs `confirm_replacement` on the case. 409 with `allowed_commands` when the case's state does not allow it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The case's ETag as GET sent it (`"3"`; a bare `3` also works); 412 when the case has moved on. Compared strongly (RFC 9110): a weak tag (`W/"3"`) never matches. `*` matches any version. */
                    "if-match"?: string;
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReturnCase"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns/{id}/appeal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * appeal (buyer, seller)
         * @description Runs `appeal` on the case. 409 with `allowed_commands` when the case's state does not allow it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The case's ETag as GET sent it (`"3"`; a bare `3` also works); 412 when the case has moved on. Compared strongly (RFC 9110): a weak tag (`W/"3"`) never matches. `*` matches any version. */
                    "if-match"?: string;
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note: string;
                        attachment_ids?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReturnCase"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns/{id}/uphold_appeal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * uphold_appeal (agent)
         * @description Runs `uphold_appeal` on the case. 409 with `allowed_commands` when the case's state does not allow it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The case's ETag as GET sent it (`"3"`; a bare `3` also works); 412 when the case has moved on. Compared strongly (RFC 9110): a weak tag (`W/"3"`) never matches. `*` matches any version. */
                    "if-match"?: string;
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReturnCase"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns/{id}/overturn_appeal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * overturn_appeal (agent)
         * @description Runs `overturn_appeal` on the case. 409 with `allowed_commands` when the case's state does not allow it.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The case's ETag as GET sent it (`"3"`; a bare `3` also works); 412 when the case has moved on. Compared strongly (RFC 9110): a weak tag (`W/"3"`) never matches. `*` matches any version. */
                    "if-match"?: string;
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        note: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReturnCase"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallet": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The buyer's platform balance and ledger entries */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            balances: {
                                currency: string;
                                balance: number;
                            }[];
                            entries: {
                                id: string;
                                amount: number;
                                currency: string;
                                description: string;
                                refund_id: string | null;
                                /** @description The return the refund paid */
                                case_id: string | null;
                                /** @description The returned items' titles, as the buyer knows them */
                                items: string | null;
                                /**
                                 * Format: date-time
                                 * @example 2026-03-02T09:00:00.000Z
                                 */
                                created_at: string;
                            }[];
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your notifications (deadline reminders), newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
                    unread?: "true" | "false";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Notification"][];
                            unread_count: number;
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notifications/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark notifications read (the given ids, or all) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        ids: string[];
                    } | {
                        /** @enum {boolean} */
                        all: true;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            marked: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/carrier_events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Tracking updates from carriers (HMAC-signed with the shared carrier secret)
         * @description Sign like webhooks: `Sendback-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">` with SENDBACK_CARRIER_SECRET. A repeated `event_id` is acknowledged and changes nothing.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "sendback-signature"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        events: {
                            event_id: string;
                            carrier: string;
                            tracking_number: string;
                            /** @enum {string} */
                            status: "accepted" | "in_transit" | "delivered" | "exception" | "lost" | "returned_to_sender";
                            /**
                             * Format: date-time
                             * @description RFC 3339 instant, e.g. 2026-03-02T09:00:00Z
                             */
                            occurred_at: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            results: {
                                event_id: string;
                                duplicate: boolean;
                                case_ids: string[];
                                applied: {
                                    case_id: string;
                                    command: string | null;
                                    skipped?: string;
                                }[];
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The order's message thread, oldest first (case events appear as system lines) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    /** @description next_cursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Message"][];
                            next_cursor: string | null;
                            last_read_seq: number;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Write in the thread (buyer, the shop, an agent once a case is disputed) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description A retry with the same key returns the first answer. */
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        body: string;
                        attachment_ids?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Message"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/messages/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move your read marker forward to `seq` */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        seq: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            last_read_seq: number;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The Ed25519 public keys that sign case bundles, to anyone: the current one and every retired one with its validity */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Jwks"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns/{id}/bundle": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The case's signed bundle: events and thread with their hashes, the evidence's bytes, the policy versions and order lines, signed with the platform's Ed25519 key (verify with `sendback verify-bundle` or the UI's /verify page) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CaseBundle"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns/{id}/record": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The case's whole record (events, thread, evidence, hashes), re-verified */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CaseRecord"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/returns/{id}/record.html": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A printable transcript of the record (HTML; print to PDF from the browser) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": string;
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sellers/{id}/analytics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A shop's return figures over a date range (the shop, agents, operators)
         * @description Counted per day of the shop's calendar: cases by reason and fault, return rates, refunds by destination and currency, time to refund, deadline compliance and automatic outcomes, disputes; totals and a series by day, week or month.
         */
        get: {
            parameters: {
                query?: {
                    /** @description First day (the shop's calendar), included. Default: 29 days before `to`. */
                    from?: string;
                    /** @description Last day, included. Default: today. At most 1098 days in all. */
                    to?: string;
                    /** @description Periods of the series: days, weeks from Monday, or months. */
                    granularity?: "day" | "week" | "month";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SellerAnalytics"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/analytics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The same figures across every shop, and the shops with the highest seller-fault return rate (agents, operators) */
        get: {
            parameters: {
                query?: {
                    /** @description First day (the shop's calendar), included. Default: 29 days before `to`. */
                    from?: string;
                    /** @description Last day, included. Default: today. At most 1098 days in all. */
                    to?: string;
                    /** @description Periods of the series: days, weeks from Monday, or months. */
                    granularity?: "day" | "week" | "month";
                    /** @description Rank only shops with at least this many order lines delivered */
                    min_lines?: number;
                    shops?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PlatformAnalytics"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sellers/{id}/analytics/cases.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The cases behind the figures, as CSV (streamed)
         * @description Same range as the figures; `basis` says whether it applies to the request date or the refund date. Amounts are decimals in the currency; text that a spreadsheet would run as a formula starts with an apostrophe.
         */
        get: {
            parameters: {
                query?: {
                    /** @description First day (the shop's calendar), included. Default: 29 days before `to`. */
                    from?: string;
                    /** @description Last day, included. Default: today. At most 1098 days in all. */
                    to?: string;
                    basis?: "requested" | "refunded";
                    /** @description One or more (repeat the parameter) */
                    reason?: ("damaged" | "defective" | "wrong_item" | "not_as_described" | "missing_parts" | "changed_mind" | "wrong_size" | "no_longer_needed") | ("damaged" | "defective" | "wrong_item" | "not_as_described" | "missing_parts" | "changed_mind" | "wrong_size" | "no_longer_needed")[];
                    fault?: "seller" | "buyer";
                    /** @description One or more (repeat the parameter) */
                    status?: ("requested" | "partial_offer" | "rejected" | "awaiting_shipment" | "in_transit" | "delivered" | "package_rejected" | "disputed" | "refund_pending" | "refund_failed" | "refunded" | "closed" | "cancelled" | "appealed" | "replacement_pending" | "replacement_shipped") | ("requested" | "partial_offer" | "rejected" | "awaiting_shipment" | "in_transit" | "delivered" | "package_rejected" | "disputed" | "refund_pending" | "refund_failed" | "refunded" | "closed" | "cancelled" | "appealed" | "replacement_pending" | "replacement_shipped")[];
                    type?: "return_and_refund" | "refund_only" | "replacement" | "exchange";
                    sku?: string;
                    category?: string;
                    destination?: "original_payment" | "platform_balance";
                    /** @description Only cases that had this automatic outcome (or any of them) */
                    automatic?: "auto_approved" | "auto_refunded" | "auto_closed" | "any";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description text/csv, one row per case, a header row first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders/{id}/refund_preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What a return request for these lines would refund (nothing is written) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @default return_and_refund
                         * @enum {string}
                         */
                        type?: "return_and_refund" | "refund_only" | "replacement" | "exchange";
                        /** @enum {string} */
                        reason: "damaged" | "defective" | "wrong_item" | "not_as_described" | "missing_parts" | "changed_mind" | "wrong_size" | "no_longer_needed";
                        lines: {
                            /** @example lin_01jx3v7k2m9q8r5t6w4y1z0abc */
                            order_line_id: string;
                            quantity: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RefundPreview"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/carriers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Carriers with checked tracking numbers, and a check for one number */
        get: {
            parameters: {
                query?: {
                    carrier?: string;
                    tracking_number?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            carriers: string[];
                            check: {
                                ok: boolean;
                                normalized: string;
                                message?: string;
                            } | null;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/demo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Demo logins (only on a demo server: the embedded database with demo data) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            logins: {
                                email: string;
                                password: string;
                                role: string;
                                name: string;
                                shop: string | null;
                            }[];
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Server-sent events: `case` and `message` when something in your reach changes
         * @description The stream ends (after an `end` event) within seconds of its session being logged out or expiring, its API key being revoked, or its user being disabled. A user may hold a few streams at once (`SENDBACK_STREAMS_PER_USER`); one more is refused with 429.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook_endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Webhook endpoints in your reach, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["WebhookEndpoint"][];
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Add a webhook endpoint (a seller: its shop's events; an operator: all or one shop's)
         * @description Events are POSTed as JSON with `Sendback-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`, `Sendback-Event-Id` and `Sendback-Event-Type`. The answer carries the signing secret. The URL must reach a public address: loopback, private, link-local, multicast and metadata targets are refused (422 on `body.url`), and checked again on every delivery against the addresses the name resolves to. A shop has a limited number of endpoints (409 `limit_reached`).
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description A retry with the same key returns the first answer. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * Format: uri
                         * @example https://marketplace.example/hooks/sendback
                         */
                        url: string;
                        events?: string[];
                        /**
                         * @description Operators: one shop's events
                         * @example sel_01jx3v7k2m9q8r5t6w4y1z0abc
                         */
                        seller_id?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookEndpointWithSecret"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook_endpoints/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One webhook endpoint, with its signing secret */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookEndpointWithSecret"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a webhook endpoint; its pending deliveries are given up */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook_endpoints/{id}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enable a disabled webhook endpoint; its pending deliveries resume */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description A retry with the same key returns the first answer. */
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookEndpoint"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook_endpoints/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An endpoint's deliveries, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["WebhookDelivery"][];
                            next_cursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook_endpoints/{id}/deliveries/{delivery_id}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a delivery again (due now, same event id, backoff starts over) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description A retry with the same key returns the first answer. */
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                    delivery_id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookDelivery"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload evidence: a JPEG, PNG or WebP photo, an MP4 video or a PDF
         * @description A multipart/form-data body with one file in the part `file`. The kind is decided from the content, never from the name; images are re-encoded without metadata (EXIF, GPS). Cite the returned id in requests, rejections, inspections, evidence and messages.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description A retry with the same key returns the first answer. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "multipart/form-data": {
                        /**
                         * Format: binary
                         * @description The file
                         */
                        file: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Attachment"];
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/attachments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An attachment's details (its uploader, agents, operators, and the parties of an order citing it) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Attachment"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/attachments/{id}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An attachment's bytes, always as a download
         * @description Served with its detected Content-Type, `Content-Disposition: attachment`, `X-Content-Type-Options: nosniff` and a sandboxing Content-Security-Policy.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The stored bytes */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/octet-stream": string;
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/test_clock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The server's current time (manual clock) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @example 2026-03-02T09:00:00.000Z
                             */
                            now: string;
                            /** @enum {string} */
                            kind: "manual";
                            /** @description True while the clock stands still */
                            frozen: boolean;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Set the manual clock to an instant, frozen there or running on (operator)
         * @description Without `now` the clock keeps its current instant: `{"frozen": true}` stops it, `{"frozen": false}` lets it run on from where it stands.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        frozen: boolean;
                        /**
                         * Format: date-time
                         * @description RFC 3339 instant, e.g. 2026-03-02T09:00:00Z
                         */
                        now?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @example 2026-03-02T09:00:00.000Z
                             */
                            now: string;
                            /** @enum {string} */
                            kind: "manual";
                            /** @description True while the clock stands still */
                            frozen: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/test_clock/advance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move the manual clock forward (operator) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        seconds: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /**
                             * Format: date-time
                             * @example 2026-03-02T09:00:00.000Z
                             */
                            now: string;
                            /** @enum {string} */
                            kind: "manual";
                            /** @description True while the clock stands still */
                            frozen: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    returnEvent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * return.*: every case event (return.requested, return.approved, return.label_requested, return.label_purchased, return.label_failed, return.shipped, return.parcel_delivered, return.refund_pending, return.refunded, ...)
         * @description Signed with `Sendback-Signature` (see POST /v1/webhook_endpoints); deduplicate on `Sendback-Event-Id`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        id: string;
                        type: string;
                        /** Format: date-time */
                        created_at: string;
                        data: {
                            case?: components["schemas"]["ReturnCaseSummary"];
                            actor?: Record<string, never>;
                            /** @description The event's own fields. return.approved / return.auto_approved: `return_address` (where the buyer sends the parcel) and `label` ('requested' when the shop pays by prepaid label). return.label_purchased: `provider`, `carrier`, `service`, `tracking_number`, `cost`, `currency`. return.label_failed: `error` (the provider's reason). return.shipped: `carrier`, `tracking_number` (`prepaid_label: true` when the label's first scan shipped it). */
                            payload?: Record<string, never>;
                        };
                    };
                };
            };
            responses: {
                /** @description Any 2xx within 10 s acknowledges the event */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    refundEvent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * refund.created, refund.succeeded, refund.failed
         * @description Signed with `Sendback-Signature` (see POST /v1/webhook_endpoints); deduplicate on `Sendback-Event-Id`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        id: string;
                        type: string;
                        /** Format: date-time */
                        created_at: string;
                        data: {
                            /** @description id, case_id, order_id, amount, currency, destination, status, attempts, last_error, provider_reference (the payment provider's id of the refund, e.g. Stripe re_...), created_at, settled_at */
                            refund?: Record<string, never>;
                            case?: components["schemas"]["ReturnCaseSummary"];
                        };
                    };
                };
            };
            responses: {
                /** @description Any 2xx within 10 s acknowledges the event */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    messageEvent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * message.created
         * @description Signed with `Sendback-Signature` (see POST /v1/webhook_endpoints); deduplicate on `Sendback-Event-Id`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        id: string;
                        type: string;
                        /** Format: date-time */
                        created_at: string;
                        data: {
                            message?: Record<string, never>;
                        };
                    };
                };
            };
            responses: {
                /** @description Any 2xx within 10 s acknowledges the event */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    inventoryEvent: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * inventory.restock
         * @description Signed with `Sendback-Signature` (see POST /v1/webhook_endpoints); deduplicate on `Sendback-Event-Id`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        id: string;
                        type: string;
                        /** Format: date-time */
                        created_at: string;
                        data: {
                            case_id?: string;
                            order_id?: string;
                            seller_id?: string;
                            /** @description The units the seller marked resellable at inspection: put them back in stock */
                            lines?: {
                                order_line_id?: string;
                                sku?: string;
                                quantity?: number;
                            }[];
                        };
                    };
                };
            };
            responses: {
                /** @description Any 2xx within 10 s acknowledges the event */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        /** @description RFC 9457 problem details */
        ProblemInput: {
            type: string;
            title: string;
            status: number;
            detail: string;
            code: string;
            instance?: string;
            errors?: {
                path: string;
                message: string;
            }[];
            allowed_commands?: string[];
            /** @description The business rule that refused a command the table allows (return_address_missing, label_exists, offer_left...) */
            rule?: string;
            /** @description Seconds until a rate limit lets the request through (as Retry-After) */
            retry_after?: number;
        };
        SellerAnalyticsInput: {
            seller_id: string | null;
            /** @description The shop's zone; null for the platform */
            time_zone: string | null;
            from: string;
            to: string;
            /** @enum {string} */
            granularity: "day" | "week" | "month";
            cases: {
                /** @description Return requests filed in the range */
                opened: number;
                by_reason: {
                    /** @enum {string} */
                    reason: "damaged" | "defective" | "wrong_item" | "not_as_described" | "missing_parts" | "changed_mind" | "wrong_size" | "no_longer_needed";
                    /** @enum {string} */
                    fault: "seller" | "buyer";
                    cases: number;
                }[];
                by_fault: {
                    /** @enum {string} */
                    fault: "seller" | "buyer";
                    cases: number;
                }[];
            };
            /** @description cases opened / order lines delivered in the range; per SKU (category): cases that include a line of it / its order lines delivered. Highest rates first. */
            return_rate: {
                cases: number;
                lines_delivered: number;
                /** @description A share between 0 and 1; null when its denominator is 0. */
                rate: number | null;
                by_sku: {
                    sku: string;
                    cases: number;
                    lines_delivered: number;
                    /** @description A share between 0 and 1; null when its denominator is 0. */
                    rate: number | null;
                }[];
                by_category: {
                    category: string;
                    cases: number;
                    lines_delivered: number;
                    /** @description A share between 0 and 1; null when its denominator is 0. */
                    rate: number | null;
                }[];
                /** @description More SKUs or categories than listed */
                truncated: boolean;
            };
            refunds: {
                by_destination: {
                    currency: string;
                    destination: string;
                    refunds: number;
                    /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                    amount: number;
                }[];
                by_currency: {
                    currency: string;
                    refunds: number;
                    /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                    amount: number;
                    /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                    deductions: number;
                    /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                    restocking_fees: number;
                }[];
                time_to_refund: {
                    refunds: number;
                    median_seconds: number | null;
                    p90_seconds: number | null;
                };
            };
            /** @description compliance = the shop's decisions made before their due time / (those + the shop's deadlines that expired: auto-approved and auto-refunded cases). */
            deadlines: {
                decisions_on_time: number;
                deadlines_missed: number;
                /** @description A share between 0 and 1; null when its denominator is 0. */
                compliance: number | null;
                automatic: {
                    auto_approved: number;
                    auto_refunded: number;
                    auto_closed: number;
                };
            };
            disputes: {
                opened: number;
                ruled_for_buyer: number;
                ruled_for_seller: number;
            };
            appeals: {
                appealed: number;
                upheld: number;
                overturned: number;
                appeal_rate: number | null;
                overturn_rate: number | null;
            };
            /** @description Returned units by what the seller did with them at inspection, per SKU */
            dispositions: {
                sku: string;
                resellable: number;
                damaged: number;
                destroy: number;
            }[];
            series: {
                period: string;
                cases: number;
                cases_by_reason: {
                    damaged: number;
                    defective: number;
                    wrong_item: number;
                    not_as_described: number;
                    missing_parts: number;
                    changed_mind: number;
                    wrong_size: number;
                    no_longer_needed: number;
                };
                refunds: {
                    currency: string;
                    destination: string;
                    refunds: number;
                    /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                    amount: number;
                }[];
                decisions_on_time: number;
                deadlines_missed: number;
                /** @description A share between 0 and 1; null when its denominator is 0. */
                compliance: number | null;
                auto_approved: number;
                auto_refunded: number;
                auto_closed: number;
                disputes_opened: number;
            }[];
        };
        PlatformAnalyticsInput: {
            seller_id: string | null;
            /** @description The shop's zone; null for the platform */
            time_zone: string | null;
            from: string;
            to: string;
            /** @enum {string} */
            granularity: "day" | "week" | "month";
            cases: {
                /** @description Return requests filed in the range */
                opened: number;
                by_reason: {
                    /** @enum {string} */
                    reason: "damaged" | "defective" | "wrong_item" | "not_as_described" | "missing_parts" | "changed_mind" | "wrong_size" | "no_longer_needed";
                    /** @enum {string} */
                    fault: "seller" | "buyer";
                    cases: number;
                }[];
                by_fault: {
                    /** @enum {string} */
                    fault: "seller" | "buyer";
                    cases: number;
                }[];
            };
            /** @description cases opened / order lines delivered in the range; per SKU (category): cases that include a line of it / its order lines delivered. Highest rates first. */
            return_rate: {
                cases: number;
                lines_delivered: number;
                /** @description A share between 0 and 1; null when its denominator is 0. */
                rate: number | null;
                by_sku: {
                    sku: string;
                    cases: number;
                    lines_delivered: number;
                    /** @description A share between 0 and 1; null when its denominator is 0. */
                    rate: number | null;
                }[];
                by_category: {
                    category: string;
                    cases: number;
                    lines_delivered: number;
                    /** @description A share between 0 and 1; null when its denominator is 0. */
                    rate: number | null;
                }[];
                /** @description More SKUs or categories than listed */
                truncated: boolean;
            };
            refunds: {
                by_destination: {
                    currency: string;
                    destination: string;
                    refunds: number;
                    /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                    amount: number;
                }[];
                by_currency: {
                    currency: string;
                    refunds: number;
                    /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                    amount: number;
                    /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                    deductions: number;
                    /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                    restocking_fees: number;
                }[];
                time_to_refund: {
                    refunds: number;
                    median_seconds: number | null;
                    p90_seconds: number | null;
                };
            };
            /** @description compliance = the shop's decisions made before their due time / (those + the shop's deadlines that expired: auto-approved and auto-refunded cases). */
            deadlines: {
                decisions_on_time: number;
                deadlines_missed: number;
                /** @description A share between 0 and 1; null when its denominator is 0. */
                compliance: number | null;
                automatic: {
                    auto_approved: number;
                    auto_refunded: number;
                    auto_closed: number;
                };
            };
            disputes: {
                opened: number;
                ruled_for_buyer: number;
                ruled_for_seller: number;
            };
            appeals: {
                appealed: number;
                upheld: number;
                overturned: number;
                appeal_rate: number | null;
                overturn_rate: number | null;
            };
            /** @description Returned units by what the seller did with them at inspection, per SKU */
            dispositions: {
                sku: string;
                resellable: number;
                damaged: number;
                destroy: number;
            }[];
            series: {
                period: string;
                cases: number;
                cases_by_reason: {
                    damaged: number;
                    defective: number;
                    wrong_item: number;
                    not_as_described: number;
                    missing_parts: number;
                    changed_mind: number;
                    wrong_size: number;
                    no_longer_needed: number;
                };
                refunds: {
                    currency: string;
                    destination: string;
                    refunds: number;
                    /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                    amount: number;
                }[];
                decisions_on_time: number;
                deadlines_missed: number;
                /** @description A share between 0 and 1; null when its denominator is 0. */
                compliance: number | null;
                auto_approved: number;
                auto_refunded: number;
                auto_closed: number;
                disputes_opened: number;
            }[];
            top_shops: {
                seller_id: string;
                name: string;
                seller_fault_cases: number;
                lines_delivered: number;
                rate: number;
            }[];
        };
        AttachmentInput: {
            id: string;
            /** @enum {string} */
            kind: "image" | "video" | "pdf";
            mime_type: string;
            size_bytes: number;
            width: number | null;
            height: number | null;
            file_name: string;
            sha256: string;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            created_at: string;
        };
        NotificationInput: {
            id: string;
            case_id: string | null;
            kind: string;
            title: string;
            body: string;
            due_at: string | null;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            created_at: string;
            read_at: string | null;
        };
        RefundPreviewInput: {
            currency: string;
            lines: {
                order_line_id: string;
                quantity: number;
                /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                gross: number;
                /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                discount: number;
                /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                items: number;
                /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                tax: number;
                /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                total: number;
            }[];
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            items: number;
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            tax: number;
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            original_shipping: number;
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            return_shipping_reimbursement: number;
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            restocking_fee: number;
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            max_deduction: number;
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            deduction: number;
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            full_amount: number;
            agreed_amount: number | null;
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            order_paid: number;
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            cap_remaining: number;
            capped: boolean;
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            total: number;
        };
        /** @description Where the buyer sends the parcel: the shop's return address for the buyer's country, copied at approval (later edits to the shop's addresses do not change it). */
        ReturnAddressSnapshotInput: {
            id: string;
            name: string;
            line1: string;
            line2: string | null;
            city: string;
            region: string | null;
            postal_code: string;
            /** @description ISO 3166-1 alpha-2 */
            country: string;
            phone: string | null;
            instructions: string | null;
        };
        /** @description A prepaid return label the shop pays for. The PDF and drop-off QR code: GET /v1/returns/{id}/label. */
        PrepaidLabelInput: {
            /** @enum {string} */
            status: "requested" | "purchased" | "failed";
            provider: string | null;
            carrier: string | null;
            service: string | null;
            tracking_number: string | null;
            /** @description Postage the seller pays, minor units */
            cost: number | null;
            currency: string | null;
            /** @description The provider's reason when it failed */
            error: string | null;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            at: string;
        };
        ReturnCaseSummaryInput: {
            id: string;
            /** @enum {string} */
            type: "return_and_refund" | "refund_only" | "replacement" | "exchange";
            /** @enum {string} */
            status: "requested" | "partial_offer" | "rejected" | "awaiting_shipment" | "in_transit" | "delivered" | "package_rejected" | "disputed" | "refund_pending" | "refund_failed" | "refunded" | "closed" | "cancelled" | "appealed" | "replacement_pending" | "replacement_shipped";
            version: number;
            order_id: string;
            buyer_id: string;
            seller_id: string;
            currency: string;
            /** @enum {string} */
            reason: "damaged" | "defective" | "wrong_item" | "not_as_described" | "missing_parts" | "changed_mind" | "wrong_size" | "no_longer_needed";
            /** @enum {string} */
            fault: "seller" | "buyer";
            description: string;
            attachment_ids: string[];
            /** @enum {string} */
            refund_destination: "original_payment" | "platform_balance";
            due_at: string | null;
            next_action: {
                actor: string;
                /** @enum {string} */
                action: "review_request" | "answer_offer" | "escalate_or_resubmit" | "ship" | "mark_received" | "inspect" | "escalate" | "rule" | "refund" | "retry_refund" | "decide_appeal" | "dispatch_replacement" | "confirm_replacement" | "submit_evidence";
                due_at: string | null;
                on_expiry: ("requested" | "partial_offer" | "rejected" | "awaiting_shipment" | "in_transit" | "delivered" | "package_rejected" | "disputed" | "refund_pending" | "refund_failed" | "refunded" | "closed" | "cancelled" | "appealed" | "replacement_pending" | "replacement_shipped") | null;
            } | null;
            outcome: string | null;
            resubmit_count: number;
            receiving_extended: boolean;
            offer_amount: number | null;
            deduction_amount: number | null;
            refund_amount: number | null;
            /** @description Why the last refund attempt failed, in the payment provider's words (refund_failed); null otherwise */
            refund_failure: string | null;
            shipment: {
                carrier: string;
                tracking_number: string;
                /** @description True when the number passed the carrier's own check digits; false when the carrier's numbers can only be checked for shape (treat delivery claims with care; the seller may dispute receipt); null for cases shipped before this was recorded. */
                tracking_verified: boolean | null;
                shipping_cost: number | null;
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                shipped_at: string;
                delivered_at: string | null;
                last_tracking_at: string | null;
                lost: boolean;
            } | null;
            return_address: components["schemas"]["ReturnAddressSnapshotInput"] | null;
            label: components["schemas"]["PrepaidLabelInput"] | null;
            /** @description What the seller does with the returned units, per line (recorded at inspection); resellable ones are announced as inventory.restock */
            dispositions: {
                order_line_id: string;
                sku: string;
                quantity: number;
                /** @enum {string} */
                disposition: "resellable" | "damaged" | "destroy";
            }[];
            /** @description The ruling, or the automatic refund for the seller's silence, that the losing party may appeal once within the policy's appeal_window_days */
            decided: {
                /** @enum {string} */
                by: "agent" | "system";
                agent_id: string | null;
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                at: string;
                /** @enum {string} */
                loser: "buyer" | "seller";
            } | null;
            appeal: {
                /** @enum {string} */
                by: "buyer" | "seller";
                by_id: string;
                note: string;
                attachment_ids: string[];
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                opened_at: string;
                from: string;
                decision: ("upheld" | "overturned") | null;
                decided_by: string | null;
                decided_at: string | null;
                /** @description What the platform paid the seller when it overturned a refund (the buyer keeps it) */
                compensation: number | null;
            } | null;
            exchange: {
                order_line_id: string;
                sku: string;
                title: string;
                /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                unit_price: number;
                /** @description The price difference refunded once the variant arrives */
                difference: number;
            } | null;
            /** @description The replacement (or exchanged variant) the seller sent */
            replacement: {
                carrier: string;
                tracking_number: string;
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                dispatched_at: string;
                delivered_at: string | null;
            } | null;
            /** @description Refunded without a return (a returnless-refund rule): the buyer keeps the item */
            keeps_item: boolean;
            /** @description The shop's policy version the latest decision was made under (each event's payload names its own); GET /v1/sellers/{id}/return_policy?version= reads it */
            policy_version: number | null;
            received_at: string | null;
            rejection: {
                reason: string;
                note: string;
                attachment_ids: string[];
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                at: string;
            } | null;
            package_rejection: {
                reason: string;
                note: string;
                attachment_ids: string[];
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                at: string;
            } | null;
            dispute: {
                opened_from: string;
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                opened_at: string;
                opened_by: string;
                note: string;
            } | null;
            evidence_request: {
                from: string;
                note: string;
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                requested_at: string;
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                due_at: string;
            } | null;
            ruling: {
                /** @enum {string} */
                for: "buyer" | "seller";
                by: string;
                note: string;
                amount: number | null;
            } | null;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            updated_at: string;
            /** @description The marketplace's order number (the order's external_id) */
            order_number: string;
            buyer_name: string;
            shop_name: string;
            lines: {
                order_line_id: string;
                quantity: number;
            }[];
        };
        ReturnCaseInput: {
            id: string;
            /** @enum {string} */
            type: "return_and_refund" | "refund_only" | "replacement" | "exchange";
            /** @enum {string} */
            status: "requested" | "partial_offer" | "rejected" | "awaiting_shipment" | "in_transit" | "delivered" | "package_rejected" | "disputed" | "refund_pending" | "refund_failed" | "refunded" | "closed" | "cancelled" | "appealed" | "replacement_pending" | "replacement_shipped";
            version: number;
            order_id: string;
            buyer_id: string;
            seller_id: string;
            currency: string;
            /** @enum {string} */
            reason: "damaged" | "defective" | "wrong_item" | "not_as_described" | "missing_parts" | "changed_mind" | "wrong_size" | "no_longer_needed";
            /** @enum {string} */
            fault: "seller" | "buyer";
            description: string;
            attachment_ids: string[];
            /** @enum {string} */
            refund_destination: "original_payment" | "platform_balance";
            due_at: string | null;
            next_action: {
                actor: string;
                /** @enum {string} */
                action: "review_request" | "answer_offer" | "escalate_or_resubmit" | "ship" | "mark_received" | "inspect" | "escalate" | "rule" | "refund" | "retry_refund" | "decide_appeal" | "dispatch_replacement" | "confirm_replacement" | "submit_evidence";
                due_at: string | null;
                on_expiry: ("requested" | "partial_offer" | "rejected" | "awaiting_shipment" | "in_transit" | "delivered" | "package_rejected" | "disputed" | "refund_pending" | "refund_failed" | "refunded" | "closed" | "cancelled" | "appealed" | "replacement_pending" | "replacement_shipped") | null;
            } | null;
            outcome: string | null;
            resubmit_count: number;
            receiving_extended: boolean;
            offer_amount: number | null;
            deduction_amount: number | null;
            refund_amount: number | null;
            /** @description Why the last refund attempt failed, in the payment provider's words (refund_failed); null otherwise */
            refund_failure: string | null;
            shipment: {
                carrier: string;
                tracking_number: string;
                /** @description True when the number passed the carrier's own check digits; false when the carrier's numbers can only be checked for shape (treat delivery claims with care; the seller may dispute receipt); null for cases shipped before this was recorded. */
                tracking_verified: boolean | null;
                shipping_cost: number | null;
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                shipped_at: string;
                delivered_at: string | null;
                last_tracking_at: string | null;
                lost: boolean;
            } | null;
            return_address: components["schemas"]["ReturnAddressSnapshotInput"] | null;
            label: components["schemas"]["PrepaidLabelInput"] | null;
            /** @description What the seller does with the returned units, per line (recorded at inspection); resellable ones are announced as inventory.restock */
            dispositions: {
                order_line_id: string;
                sku: string;
                quantity: number;
                /** @enum {string} */
                disposition: "resellable" | "damaged" | "destroy";
            }[];
            /** @description The ruling, or the automatic refund for the seller's silence, that the losing party may appeal once within the policy's appeal_window_days */
            decided: {
                /** @enum {string} */
                by: "agent" | "system";
                agent_id: string | null;
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                at: string;
                /** @enum {string} */
                loser: "buyer" | "seller";
            } | null;
            appeal: {
                /** @enum {string} */
                by: "buyer" | "seller";
                by_id: string;
                note: string;
                attachment_ids: string[];
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                opened_at: string;
                from: string;
                decision: ("upheld" | "overturned") | null;
                decided_by: string | null;
                decided_at: string | null;
                /** @description What the platform paid the seller when it overturned a refund (the buyer keeps it) */
                compensation: number | null;
            } | null;
            exchange: {
                order_line_id: string;
                sku: string;
                title: string;
                /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                unit_price: number;
                /** @description The price difference refunded once the variant arrives */
                difference: number;
            } | null;
            /** @description The replacement (or exchanged variant) the seller sent */
            replacement: {
                carrier: string;
                tracking_number: string;
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                dispatched_at: string;
                delivered_at: string | null;
            } | null;
            /** @description Refunded without a return (a returnless-refund rule): the buyer keeps the item */
            keeps_item: boolean;
            /** @description The shop's policy version the latest decision was made under (each event's payload names its own); GET /v1/sellers/{id}/return_policy?version= reads it */
            policy_version: number | null;
            received_at: string | null;
            rejection: {
                reason: string;
                note: string;
                attachment_ids: string[];
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                at: string;
            } | null;
            package_rejection: {
                reason: string;
                note: string;
                attachment_ids: string[];
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                at: string;
            } | null;
            dispute: {
                opened_from: string;
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                opened_at: string;
                opened_by: string;
                note: string;
            } | null;
            evidence_request: {
                from: string;
                note: string;
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                requested_at: string;
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                due_at: string;
            } | null;
            ruling: {
                /** @enum {string} */
                for: "buyer" | "seller";
                by: string;
                note: string;
                amount: number | null;
            } | null;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            updated_at: string;
            /** @description The marketplace's order number (the order's external_id) */
            order_number: string;
            buyer_name: string;
            shop_name: string;
            lines: {
                order_line_id: string;
                quantity: number;
                sku: string;
                title: string;
                category: string;
                /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                unit_price: number;
            }[];
            allowed_commands: string[];
            /** @description Warnings: duplicate_tracking_number (another open case ships the same parcel number), unverified_tracking (the carrier's numbers could only be checked for shape). */
            flags: string[];
            /** @description The buyer's return record (sellers: at their shop; agents and operators: everywhere); `flagged`: over the platform's threshold, so automatic approvals and returnless refunds are off. Null for the buyer. */
            buyer_history: {
                orders: number;
                cases: number;
                cases_last_90_days: number;
                /** @description Cases per order (a buyer may open several on one order, so it can pass 1); null without orders */
                return_rate: number | null;
                refunds: number;
                returnless_refunds: number;
                disputes_lost: number;
                flagged: boolean;
            } | null;
            refund_preview: components["schemas"]["RefundPreviewInput"] | null;
        };
        CaseEventInput: {
            id: string;
            case_id: string;
            seq: number;
            type: string;
            actor: {
                role: string;
                id: string;
            };
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            at: string;
            payload: {
                [key: string]: unknown;
            };
            prev_hash: string;
            hash: string;
        };
        MessageInput: {
            id: string;
            order_id: string;
            seq: number;
            /** @enum {string} */
            kind: "message" | "system";
            author: {
                id: string;
                role: string;
                /** @description The author's name (in thread pages) */
                name?: string;
            };
            /** @description Plain text; clients must show it escaped. */
            body: string;
            attachment_ids: string[];
            case_id: string | null;
            event_id: string | null;
            /** @description For system lines: the case event shown (clients translate it). */
            event_type: string | null;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            created_at: string;
            prev_hash: string;
            hash: string;
        };
        UserInput: {
            id: string;
            email: string;
            name: string;
            /** @enum {string} */
            role: "buyer" | "seller" | "agent" | "operator";
            seller_id: string | null;
            /** @enum {string} */
            locale: "en" | "zh-CN";
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            created_at: string;
            /** @description Set by an operator: the user cannot log in and their credentials do not work. */
            disabled_at: string | null;
        };
        ApiKeyInput: {
            id: string;
            /** @description The first characters of the key, to tell keys apart. */
            prefix: string;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            created_at: string;
            revoked_at: string | null;
        };
        SessionInput: {
            id: string;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            expires_at: string;
            /** @description The session this request came with. */
            current: boolean;
        };
        SellerInput: {
            id: string;
            name: string;
            time_zone: string;
            region: string;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            created_at: string;
        };
        DeliveryAddressInput: {
            name: string;
            line1: string;
            line2: string | null;
            city: string;
            region: string | null;
            postal_code: string;
            country: string;
            phone: string | null;
        };
        ReturnAddressInput: {
            id: string;
            seller_id: string;
            name: string;
            line1: string;
            line2: string | null;
            city: string;
            region: string | null;
            postal_code: string;
            country: string;
            phone: string | null;
            instructions: string | null;
            buyer_countries: string[];
            is_default: boolean;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            updated_at: string;
        };
        OrderInput: {
            id: string;
            external_id: string;
            seller_id: string;
            /** @description The name of the shop the order was bought from */
            shop_name: string;
            buyer_id: string;
            currency: string;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            placed_at: string;
            delivered_at: string | null;
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            shipping_amount: number;
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            order_discount_amount: number;
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            total_paid: number;
            payment_reference: string;
            ship_to: components["schemas"]["DeliveryAddressInput"] | null;
            lines: {
                id: string;
                sku: string;
                title: string;
                category: string;
                quantity: number;
                /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                unit_price: number;
                /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                line_discount_amount: number;
                /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                tax_amount: number;
                in_stock?: boolean;
                variants?: {
                    sku: string;
                    title: string;
                    /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                    unit_price: number;
                    in_stock: boolean;
                }[];
            }[];
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            created_at: string;
        };
        IngestedOrderInput: {
            id: string;
            external_id: string;
            seller_id: string;
            /** @description The name of the shop the order was bought from (absent only when a retry replays an answer given before answers carried it) */
            shop_name?: string;
            buyer_id: string;
            currency: string;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            placed_at: string;
            delivered_at: string | null;
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            shipping_amount: number;
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            order_discount_amount: number;
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            total_paid: number;
            payment_reference: string;
            ship_to: components["schemas"]["DeliveryAddressInput"] | null;
            lines: {
                id: string;
                sku: string;
                title: string;
                category: string;
                quantity: number;
                /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                unit_price: number;
                /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                line_discount_amount: number;
                /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                tax_amount: number;
                in_stock?: boolean;
                variants?: {
                    sku: string;
                    title: string;
                    /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                    unit_price: number;
                    in_stock: boolean;
                }[];
            }[];
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            created_at: string;
        };
        EligibilityInput: {
            order_id: string;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            evaluated_at: string;
            delivered_at: string | null;
            eligible: boolean;
            lines: {
                order_line_id: string;
                sku: string;
                title: string;
                category: string;
                eligible: boolean;
                quantity: number;
                claimed_quantity: number;
                returnable_quantity: number;
                window_days: number;
                window_closes_at: string | null;
                reasons_allowed: string[];
                refund_only_reasons_allowed: string[];
                blockers: ({
                    code: string;
                    message: string;
                } & {
                    [key: string]: unknown;
                })[];
            }[];
            condition_text: string;
            preparation_checklist: string[];
            return_shipping_payer: {
                seller: string;
                buyer: string;
            };
            refund_destinations: string[];
        };
        ReturnPolicyInput: {
            currency: string;
            window_days: number;
            categories: {
                [key: string]: {
                    returnable?: boolean;
                    window_days?: number;
                    reasons_allowed?: string[];
                };
            };
            reasons_allowed: string[];
            refund_only_reasons: string[];
            condition_text: string;
            preparation_checklist: string[];
            return_shipping_payer: {
                seller: string;
                buyer: string;
            };
            return_shipping_reimbursement_cap: number;
            /**
             * @description How the shop pays the postage it owes: 'reimburse' (the buyer ships and is repaid up to the cap) or 'prepaid_label' (a label is bought at approval; the buyer only drops the parcel off)
             * @enum {string}
             */
            return_postage: "reimburse" | "prepaid_label";
            restocking_fee_pct: number;
            max_deduction_pct: number;
            refund_destinations: string[];
            auto_approval: {
                fault?: string;
                reasons?: string[];
                case_types?: string[];
                max_amount?: number;
            }[];
            returnless_refunds: {
                reasons?: string[];
                categories?: string[];
                max_amount: number;
            }[];
            returnless_limit: {
                count: number;
                days: number;
            };
            /** @description Days after a ruling or an automatic refund in which the losing party may appeal once */
            appeal_window_days: number;
            tracking_silence_days: number;
            reminder_hours_before: number[];
            deadlines: {
                [key: string]: {
                    hours: number;
                } | {
                    business_days: number;
                };
            };
        };
        PlatformRulesInput: {
            /** @description A buyer with more cases than this in 90 days (every shop) gets no automatic decision */
            max_cases_90_days: number | null;
            /** @description Cases per order over which a buyer gets no automatic decision */
            max_return_rate: number | null;
            /** @description The return rate counts once the buyer has this many orders */
            min_orders: number;
        };
        WhatIfFiguresInput: {
            /** @description Requests approved by an auto-approval rule */
            auto_approvals: number;
            returnless_refunds: number;
            expiries: {
                total: number;
                by_deadline: {
                    deadline: string;
                    count: number;
                }[];
            };
            refunds: {
                /** @description Cases that reached a refund (entered refund_pending) */
                count: number;
                by_currency: {
                    currency: string;
                    count: number;
                    /** @description Integer minor units; negative only in `difference` */
                    amount: number;
                }[];
            };
            /** @description Kept by the seller from the refunds */
            fees: {
                currency: string;
                /** @description Integer minor units; negative only in `difference` */
                restocking_fees: number;
                /** @description Integer minor units; negative only in `difference` */
                deductions: number;
            }[];
            /** @description Requests the draft would not have accepted */
            requests_refused: number;
        };
        PolicySimulationInput: {
            seller_id: string;
            time_zone: string;
            from: string;
            to: string;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            evaluated_at: string;
            cases: {
                in_period: number;
                considered: number;
                limit: number;
                /** @description More cases were requested in the period than the 1000 replayed (the oldest are) */
                truncated: boolean;
                /** @description Replays that stopped where the draft diverged from the record */
                stopped: number;
            };
            actual: components["schemas"]["WhatIfFiguresInput"];
            draft: components["schemas"]["WhatIfFiguresInput"];
            /** @description draft - actual */
            difference: components["schemas"]["WhatIfFiguresInput"];
            /** @description At most 50, oldest first */
            changed_cases: {
                case_id: string;
                order_id: string;
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                requested_at: string;
                changes: {
                    /** @enum {string} */
                    what: "auto_approval" | "returnless_refund" | "expiry" | "refund" | "fees" | "request_refused";
                    deadline?: string;
                    currency?: string;
                    actual: number | null;
                    draft: number | null;
                }[];
                stopped: {
                    event: string;
                    /**
                     * Format: date-time
                     * @example 2026-03-02T09:00:00.000Z
                     */
                    at: string;
                    reason: string;
                    state: string;
                } | null;
                refused: {
                    code: string;
                    message: string;
                } | null;
            }[];
            changed_cases_total: number;
        };
        CaseRecordInput: {
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            generated_at: string;
            case: {
                [key: string]: unknown;
            };
            order: {
                [key: string]: unknown;
            };
            events: {
                id: string;
                case_id: string;
                seq: number;
                type: string;
                actor: {
                    role: string;
                    id: string;
                };
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                at: string;
                payload: {
                    [key: string]: unknown;
                };
                prev_hash: string;
                hash: string;
            }[];
            messages: components["schemas"]["MessageInput"][];
            attachments: {
                id: string;
                kind: string;
                mime_type: string;
                size_bytes: number;
                sha256: string;
                file_name: string;
                uploaded_by: string;
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                created_at: string;
            }[];
            verification: {
                events: {
                    ok: boolean;
                    checked: number;
                    broken?: {
                        seq: number;
                        id: string;
                        reason: string;
                    };
                };
                messages: {
                    ok: boolean;
                    checked: number;
                    broken?: {
                        seq: number;
                        id: string;
                        reason: string;
                    };
                };
            };
        };
        JwksInput: {
            keys: {
                /** @constant */
                kty: "OKP";
                /** @constant */
                crv: "Ed25519";
                /** @description The raw public key, base64url */
                x: string;
                kid: string;
                /** @constant */
                use: "sig";
                /** @constant */
                alg: "EdDSA";
                /**
                 * Format: date-time
                 * @description From when the key signs
                 * @example 2026-03-02T09:00:00.000Z
                 */
                valid_from: string;
                /** @description When it stopped signing (a newer key took over); null for the current key */
                valid_until: string | null;
            }[];
        };
        CaseBundleInput: {
            /** @constant */
            format: "sendback.case-bundle/1";
            case: {
                [key: string]: unknown;
            };
            order: {
                [key: string]: unknown;
            };
            events: {
                [key: string]: unknown;
            }[];
            messages: {
                [key: string]: unknown;
            }[];
            attachments: ({
                id: string;
                sha256: string;
                content_base64: string;
            } & {
                [key: string]: unknown;
            })[];
            policies: {
                version: number;
                policy: unknown;
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                created_at: string;
            }[];
            manifest: {
                [key: string]: unknown;
            };
            signature: {
                /** @constant */
                alg: "EdDSA";
                kid: string;
                value: string;
                jwk: {
                    /** @constant */
                    kty: "OKP";
                    /** @constant */
                    crv: "Ed25519";
                    /** @description The raw public key, base64url */
                    x: string;
                    kid: string;
                    /** @constant */
                    use: "sig";
                    /** @constant */
                    alg: "EdDSA";
                    /**
                     * Format: date-time
                     * @description From when the key signs
                     * @example 2026-03-02T09:00:00.000Z
                     */
                    valid_from: string;
                    /** @description When it stopped signing (a newer key took over); null for the current key */
                    valid_until: string | null;
                };
            };
        } & {
            [key: string]: unknown;
        };
        WebhookEndpointInput: {
            id: string;
            /** @description The shop whose events it receives; null: every shop's. */
            seller_id: string | null;
            url: string;
            /** @description Event types or patterns such as `return.*`; empty: every event. */
            events: string[];
            /** @enum {string} */
            status: "enabled" | "disabled";
            consecutive_failures: number;
            disabled_at: string | null;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            created_at: string;
        };
        WebhookEndpointWithSecretInput: {
            id: string;
            /** @description The shop whose events it receives; null: every shop's. */
            seller_id: string | null;
            url: string;
            /** @description Event types or patterns such as `return.*`; empty: every event. */
            events: string[];
            /** @enum {string} */
            status: "enabled" | "disabled";
            consecutive_failures: number;
            disabled_at: string | null;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            created_at: string;
            /** @description HMAC-SHA256 key of the `Sendback-Signature` header. Keep it secret. */
            secret: string;
        };
        WebhookDeliveryInput: {
            id: string;
            endpoint_id: string;
            event_id: string;
            event_type: string;
            /** @enum {string} */
            status: "pending" | "succeeded" | "failed";
            attempts: number;
            /** @description When pending: the next attempt. */
            next_attempt_at: string | null;
            last_status_code: number | null;
            /** @description Why the last attempt failed: `unexpected_status`, `refused_target`, `timeout`, `dns_failed`, `tls_failed`, `connection_failed` (or `endpoint deleted`). The receiver's answer is never kept. */
            last_error: string | null;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            created_at: string;
            delivered_at: string | null;
            /** @description The JSON body sent, exactly. */
            payload: unknown;
        };
        /** @description RFC 9457 problem details */
        Problem: {
            type: string;
            title: string;
            status: number;
            detail: string;
            code: string;
            instance?: string;
            errors?: {
                path: string;
                message: string;
            }[];
            allowed_commands?: string[];
            /** @description The business rule that refused a command the table allows (return_address_missing, label_exists, offer_left...) */
            rule?: string;
            /** @description Seconds until a rate limit lets the request through (as Retry-After) */
            retry_after?: number;
        };
        SellerAnalytics: {
            seller_id: string | null;
            /** @description The shop's zone; null for the platform */
            time_zone: string | null;
            from: string;
            to: string;
            /** @enum {string} */
            granularity: "day" | "week" | "month";
            cases: {
                /** @description Return requests filed in the range */
                opened: number;
                by_reason: {
                    /** @enum {string} */
                    reason: "damaged" | "defective" | "wrong_item" | "not_as_described" | "missing_parts" | "changed_mind" | "wrong_size" | "no_longer_needed";
                    /** @enum {string} */
                    fault: "seller" | "buyer";
                    cases: number;
                }[];
                by_fault: {
                    /** @enum {string} */
                    fault: "seller" | "buyer";
                    cases: number;
                }[];
            };
            /** @description cases opened / order lines delivered in the range; per SKU (category): cases that include a line of it / its order lines delivered. Highest rates first. */
            return_rate: {
                cases: number;
                lines_delivered: number;
                /** @description A share between 0 and 1; null when its denominator is 0. */
                rate: number | null;
                by_sku: {
                    sku: string;
                    cases: number;
                    lines_delivered: number;
                    /** @description A share between 0 and 1; null when its denominator is 0. */
                    rate: number | null;
                }[];
                by_category: {
                    category: string;
                    cases: number;
                    lines_delivered: number;
                    /** @description A share between 0 and 1; null when its denominator is 0. */
                    rate: number | null;
                }[];
                /** @description More SKUs or categories than listed */
                truncated: boolean;
            };
            refunds: {
                by_destination: {
                    currency: string;
                    destination: string;
                    refunds: number;
                    /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                    amount: number;
                }[];
                by_currency: {
                    currency: string;
                    refunds: number;
                    /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                    amount: number;
                    /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                    deductions: number;
                    /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                    restocking_fees: number;
                }[];
                time_to_refund: {
                    refunds: number;
                    median_seconds: number | null;
                    p90_seconds: number | null;
                };
            };
            /** @description compliance = the shop's decisions made before their due time / (those + the shop's deadlines that expired: auto-approved and auto-refunded cases). */
            deadlines: {
                decisions_on_time: number;
                deadlines_missed: number;
                /** @description A share between 0 and 1; null when its denominator is 0. */
                compliance: number | null;
                automatic: {
                    auto_approved: number;
                    auto_refunded: number;
                    auto_closed: number;
                };
            };
            disputes: {
                opened: number;
                ruled_for_buyer: number;
                ruled_for_seller: number;
            };
            appeals: {
                appealed: number;
                upheld: number;
                overturned: number;
                appeal_rate: number | null;
                overturn_rate: number | null;
            };
            /** @description Returned units by what the seller did with them at inspection, per SKU */
            dispositions: {
                sku: string;
                resellable: number;
                damaged: number;
                destroy: number;
            }[];
            series: {
                period: string;
                cases: number;
                cases_by_reason: {
                    damaged: number;
                    defective: number;
                    wrong_item: number;
                    not_as_described: number;
                    missing_parts: number;
                    changed_mind: number;
                    wrong_size: number;
                    no_longer_needed: number;
                };
                refunds: {
                    currency: string;
                    destination: string;
                    refunds: number;
                    /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                    amount: number;
                }[];
                decisions_on_time: number;
                deadlines_missed: number;
                /** @description A share between 0 and 1; null when its denominator is 0. */
                compliance: number | null;
                auto_approved: number;
                auto_refunded: number;
                auto_closed: number;
                disputes_opened: number;
            }[];
        };
        PlatformAnalytics: {
            seller_id: string | null;
            /** @description The shop's zone; null for the platform */
            time_zone: string | null;
            from: string;
            to: string;
            /** @enum {string} */
            granularity: "day" | "week" | "month";
            cases: {
                /** @description Return requests filed in the range */
                opened: number;
                by_reason: {
                    /** @enum {string} */
                    reason: "damaged" | "defective" | "wrong_item" | "not_as_described" | "missing_parts" | "changed_mind" | "wrong_size" | "no_longer_needed";
                    /** @enum {string} */
                    fault: "seller" | "buyer";
                    cases: number;
                }[];
                by_fault: {
                    /** @enum {string} */
                    fault: "seller" | "buyer";
                    cases: number;
                }[];
            };
            /** @description cases opened / order lines delivered in the range; per SKU (category): cases that include a line of it / its order lines delivered. Highest rates first. */
            return_rate: {
                cases: number;
                lines_delivered: number;
                /** @description A share between 0 and 1; null when its denominator is 0. */
                rate: number | null;
                by_sku: {
                    sku: string;
                    cases: number;
                    lines_delivered: number;
                    /** @description A share between 0 and 1; null when its denominator is 0. */
                    rate: number | null;
                }[];
                by_category: {
                    category: string;
                    cases: number;
                    lines_delivered: number;
                    /** @description A share between 0 and 1; null when its denominator is 0. */
                    rate: number | null;
                }[];
                /** @description More SKUs or categories than listed */
                truncated: boolean;
            };
            refunds: {
                by_destination: {
                    currency: string;
                    destination: string;
                    refunds: number;
                    /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                    amount: number;
                }[];
                by_currency: {
                    currency: string;
                    refunds: number;
                    /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                    amount: number;
                    /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                    deductions: number;
                    /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                    restocking_fees: number;
                }[];
                time_to_refund: {
                    refunds: number;
                    median_seconds: number | null;
                    p90_seconds: number | null;
                };
            };
            /** @description compliance = the shop's decisions made before their due time / (those + the shop's deadlines that expired: auto-approved and auto-refunded cases). */
            deadlines: {
                decisions_on_time: number;
                deadlines_missed: number;
                /** @description A share between 0 and 1; null when its denominator is 0. */
                compliance: number | null;
                automatic: {
                    auto_approved: number;
                    auto_refunded: number;
                    auto_closed: number;
                };
            };
            disputes: {
                opened: number;
                ruled_for_buyer: number;
                ruled_for_seller: number;
            };
            appeals: {
                appealed: number;
                upheld: number;
                overturned: number;
                appeal_rate: number | null;
                overturn_rate: number | null;
            };
            /** @description Returned units by what the seller did with them at inspection, per SKU */
            dispositions: {
                sku: string;
                resellable: number;
                damaged: number;
                destroy: number;
            }[];
            series: {
                period: string;
                cases: number;
                cases_by_reason: {
                    damaged: number;
                    defective: number;
                    wrong_item: number;
                    not_as_described: number;
                    missing_parts: number;
                    changed_mind: number;
                    wrong_size: number;
                    no_longer_needed: number;
                };
                refunds: {
                    currency: string;
                    destination: string;
                    refunds: number;
                    /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                    amount: number;
                }[];
                decisions_on_time: number;
                deadlines_missed: number;
                /** @description A share between 0 and 1; null when its denominator is 0. */
                compliance: number | null;
                auto_approved: number;
                auto_refunded: number;
                auto_closed: number;
                disputes_opened: number;
            }[];
            top_shops: {
                seller_id: string;
                name: string;
                seller_fault_cases: number;
                lines_delivered: number;
                rate: number;
            }[];
        };
        Attachment: {
            id: string;
            /** @enum {string} */
            kind: "image" | "video" | "pdf";
            mime_type: string;
            size_bytes: number;
            width: number | null;
            height: number | null;
            file_name: string;
            sha256: string;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            created_at: string;
        };
        Notification: {
            id: string;
            case_id: string | null;
            kind: string;
            title: string;
            body: string;
            due_at: string | null;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            created_at: string;
            read_at: string | null;
        };
        RefundPreview: {
            currency: string;
            lines: {
                order_line_id: string;
                quantity: number;
                /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                gross: number;
                /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                discount: number;
                /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                items: number;
                /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                tax: number;
                /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                total: number;
            }[];
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            items: number;
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            tax: number;
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            original_shipping: number;
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            return_shipping_reimbursement: number;
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            restocking_fee: number;
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            max_deduction: number;
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            deduction: number;
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            full_amount: number;
            agreed_amount: number | null;
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            order_paid: number;
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            cap_remaining: number;
            capped: boolean;
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            total: number;
        };
        /** @description Where the buyer sends the parcel: the shop's return address for the buyer's country, copied at approval (later edits to the shop's addresses do not change it). */
        ReturnAddressSnapshot: {
            id: string;
            name: string;
            line1: string;
            line2: string | null;
            city: string;
            region: string | null;
            postal_code: string;
            /** @description ISO 3166-1 alpha-2 */
            country: string;
            phone: string | null;
            instructions: string | null;
        };
        /** @description A prepaid return label the shop pays for. The PDF and drop-off QR code: GET /v1/returns/{id}/label. */
        PrepaidLabel: {
            /** @enum {string} */
            status: "requested" | "purchased" | "failed";
            provider: string | null;
            carrier: string | null;
            service: string | null;
            tracking_number: string | null;
            /** @description Postage the seller pays, minor units */
            cost: number | null;
            currency: string | null;
            /** @description The provider's reason when it failed */
            error: string | null;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            at: string;
        };
        ReturnCaseSummary: {
            id: string;
            /** @enum {string} */
            type: "return_and_refund" | "refund_only" | "replacement" | "exchange";
            /** @enum {string} */
            status: "requested" | "partial_offer" | "rejected" | "awaiting_shipment" | "in_transit" | "delivered" | "package_rejected" | "disputed" | "refund_pending" | "refund_failed" | "refunded" | "closed" | "cancelled" | "appealed" | "replacement_pending" | "replacement_shipped";
            version: number;
            order_id: string;
            buyer_id: string;
            seller_id: string;
            currency: string;
            /** @enum {string} */
            reason: "damaged" | "defective" | "wrong_item" | "not_as_described" | "missing_parts" | "changed_mind" | "wrong_size" | "no_longer_needed";
            /** @enum {string} */
            fault: "seller" | "buyer";
            description: string;
            attachment_ids: string[];
            /** @enum {string} */
            refund_destination: "original_payment" | "platform_balance";
            due_at: string | null;
            next_action: {
                actor: string;
                /** @enum {string} */
                action: "review_request" | "answer_offer" | "escalate_or_resubmit" | "ship" | "mark_received" | "inspect" | "escalate" | "rule" | "refund" | "retry_refund" | "decide_appeal" | "dispatch_replacement" | "confirm_replacement" | "submit_evidence";
                due_at: string | null;
                on_expiry: ("requested" | "partial_offer" | "rejected" | "awaiting_shipment" | "in_transit" | "delivered" | "package_rejected" | "disputed" | "refund_pending" | "refund_failed" | "refunded" | "closed" | "cancelled" | "appealed" | "replacement_pending" | "replacement_shipped") | null;
            } | null;
            outcome: string | null;
            resubmit_count: number;
            receiving_extended: boolean;
            offer_amount: number | null;
            deduction_amount: number | null;
            refund_amount: number | null;
            /** @description Why the last refund attempt failed, in the payment provider's words (refund_failed); null otherwise */
            refund_failure: string | null;
            shipment: {
                carrier: string;
                tracking_number: string;
                /** @description True when the number passed the carrier's own check digits; false when the carrier's numbers can only be checked for shape (treat delivery claims with care; the seller may dispute receipt); null for cases shipped before this was recorded. */
                tracking_verified: boolean | null;
                shipping_cost: number | null;
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                shipped_at: string;
                delivered_at: string | null;
                last_tracking_at: string | null;
                lost: boolean;
            } | null;
            return_address: components["schemas"]["ReturnAddressSnapshot"] | null;
            label: components["schemas"]["PrepaidLabel"] | null;
            /** @description What the seller does with the returned units, per line (recorded at inspection); resellable ones are announced as inventory.restock */
            dispositions: {
                order_line_id: string;
                sku: string;
                quantity: number;
                /** @enum {string} */
                disposition: "resellable" | "damaged" | "destroy";
            }[];
            /** @description The ruling, or the automatic refund for the seller's silence, that the losing party may appeal once within the policy's appeal_window_days */
            decided: {
                /** @enum {string} */
                by: "agent" | "system";
                agent_id: string | null;
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                at: string;
                /** @enum {string} */
                loser: "buyer" | "seller";
            } | null;
            appeal: {
                /** @enum {string} */
                by: "buyer" | "seller";
                by_id: string;
                note: string;
                attachment_ids: string[];
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                opened_at: string;
                from: string;
                decision: ("upheld" | "overturned") | null;
                decided_by: string | null;
                decided_at: string | null;
                /** @description What the platform paid the seller when it overturned a refund (the buyer keeps it) */
                compensation: number | null;
            } | null;
            exchange: {
                order_line_id: string;
                sku: string;
                title: string;
                /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                unit_price: number;
                /** @description The price difference refunded once the variant arrives */
                difference: number;
            } | null;
            /** @description The replacement (or exchanged variant) the seller sent */
            replacement: {
                carrier: string;
                tracking_number: string;
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                dispatched_at: string;
                delivered_at: string | null;
            } | null;
            /** @description Refunded without a return (a returnless-refund rule): the buyer keeps the item */
            keeps_item: boolean;
            /** @description The shop's policy version the latest decision was made under (each event's payload names its own); GET /v1/sellers/{id}/return_policy?version= reads it */
            policy_version: number | null;
            received_at: string | null;
            rejection: {
                reason: string;
                note: string;
                attachment_ids: string[];
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                at: string;
            } | null;
            package_rejection: {
                reason: string;
                note: string;
                attachment_ids: string[];
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                at: string;
            } | null;
            dispute: {
                opened_from: string;
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                opened_at: string;
                opened_by: string;
                note: string;
            } | null;
            evidence_request: {
                from: string;
                note: string;
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                requested_at: string;
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                due_at: string;
            } | null;
            ruling: {
                /** @enum {string} */
                for: "buyer" | "seller";
                by: string;
                note: string;
                amount: number | null;
            } | null;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            updated_at: string;
            /** @description The marketplace's order number (the order's external_id) */
            order_number: string;
            buyer_name: string;
            shop_name: string;
            lines: {
                order_line_id: string;
                quantity: number;
            }[];
        };
        ReturnCase: {
            id: string;
            /** @enum {string} */
            type: "return_and_refund" | "refund_only" | "replacement" | "exchange";
            /** @enum {string} */
            status: "requested" | "partial_offer" | "rejected" | "awaiting_shipment" | "in_transit" | "delivered" | "package_rejected" | "disputed" | "refund_pending" | "refund_failed" | "refunded" | "closed" | "cancelled" | "appealed" | "replacement_pending" | "replacement_shipped";
            version: number;
            order_id: string;
            buyer_id: string;
            seller_id: string;
            currency: string;
            /** @enum {string} */
            reason: "damaged" | "defective" | "wrong_item" | "not_as_described" | "missing_parts" | "changed_mind" | "wrong_size" | "no_longer_needed";
            /** @enum {string} */
            fault: "seller" | "buyer";
            description: string;
            attachment_ids: string[];
            /** @enum {string} */
            refund_destination: "original_payment" | "platform_balance";
            due_at: string | null;
            next_action: {
                actor: string;
                /** @enum {string} */
                action: "review_request" | "answer_offer" | "escalate_or_resubmit" | "ship" | "mark_received" | "inspect" | "escalate" | "rule" | "refund" | "retry_refund" | "decide_appeal" | "dispatch_replacement" | "confirm_replacement" | "submit_evidence";
                due_at: string | null;
                on_expiry: ("requested" | "partial_offer" | "rejected" | "awaiting_shipment" | "in_transit" | "delivered" | "package_rejected" | "disputed" | "refund_pending" | "refund_failed" | "refunded" | "closed" | "cancelled" | "appealed" | "replacement_pending" | "replacement_shipped") | null;
            } | null;
            outcome: string | null;
            resubmit_count: number;
            receiving_extended: boolean;
            offer_amount: number | null;
            deduction_amount: number | null;
            refund_amount: number | null;
            /** @description Why the last refund attempt failed, in the payment provider's words (refund_failed); null otherwise */
            refund_failure: string | null;
            shipment: {
                carrier: string;
                tracking_number: string;
                /** @description True when the number passed the carrier's own check digits; false when the carrier's numbers can only be checked for shape (treat delivery claims with care; the seller may dispute receipt); null for cases shipped before this was recorded. */
                tracking_verified: boolean | null;
                shipping_cost: number | null;
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                shipped_at: string;
                delivered_at: string | null;
                last_tracking_at: string | null;
                lost: boolean;
            } | null;
            return_address: components["schemas"]["ReturnAddressSnapshot"] | null;
            label: components["schemas"]["PrepaidLabel"] | null;
            /** @description What the seller does with the returned units, per line (recorded at inspection); resellable ones are announced as inventory.restock */
            dispositions: {
                order_line_id: string;
                sku: string;
                quantity: number;
                /** @enum {string} */
                disposition: "resellable" | "damaged" | "destroy";
            }[];
            /** @description The ruling, or the automatic refund for the seller's silence, that the losing party may appeal once within the policy's appeal_window_days */
            decided: {
                /** @enum {string} */
                by: "agent" | "system";
                agent_id: string | null;
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                at: string;
                /** @enum {string} */
                loser: "buyer" | "seller";
            } | null;
            appeal: {
                /** @enum {string} */
                by: "buyer" | "seller";
                by_id: string;
                note: string;
                attachment_ids: string[];
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                opened_at: string;
                from: string;
                decision: ("upheld" | "overturned") | null;
                decided_by: string | null;
                decided_at: string | null;
                /** @description What the platform paid the seller when it overturned a refund (the buyer keeps it) */
                compensation: number | null;
            } | null;
            exchange: {
                order_line_id: string;
                sku: string;
                title: string;
                /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                unit_price: number;
                /** @description The price difference refunded once the variant arrives */
                difference: number;
            } | null;
            /** @description The replacement (or exchanged variant) the seller sent */
            replacement: {
                carrier: string;
                tracking_number: string;
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                dispatched_at: string;
                delivered_at: string | null;
            } | null;
            /** @description Refunded without a return (a returnless-refund rule): the buyer keeps the item */
            keeps_item: boolean;
            /** @description The shop's policy version the latest decision was made under (each event's payload names its own); GET /v1/sellers/{id}/return_policy?version= reads it */
            policy_version: number | null;
            received_at: string | null;
            rejection: {
                reason: string;
                note: string;
                attachment_ids: string[];
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                at: string;
            } | null;
            package_rejection: {
                reason: string;
                note: string;
                attachment_ids: string[];
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                at: string;
            } | null;
            dispute: {
                opened_from: string;
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                opened_at: string;
                opened_by: string;
                note: string;
            } | null;
            evidence_request: {
                from: string;
                note: string;
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                requested_at: string;
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                due_at: string;
            } | null;
            ruling: {
                /** @enum {string} */
                for: "buyer" | "seller";
                by: string;
                note: string;
                amount: number | null;
            } | null;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            updated_at: string;
            /** @description The marketplace's order number (the order's external_id) */
            order_number: string;
            buyer_name: string;
            shop_name: string;
            lines: {
                order_line_id: string;
                quantity: number;
                sku: string;
                title: string;
                category: string;
                /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                unit_price: number;
            }[];
            allowed_commands: string[];
            /** @description Warnings: duplicate_tracking_number (another open case ships the same parcel number), unverified_tracking (the carrier's numbers could only be checked for shape). */
            flags: string[];
            /** @description The buyer's return record (sellers: at their shop; agents and operators: everywhere); `flagged`: over the platform's threshold, so automatic approvals and returnless refunds are off. Null for the buyer. */
            buyer_history: {
                orders: number;
                cases: number;
                cases_last_90_days: number;
                /** @description Cases per order (a buyer may open several on one order, so it can pass 1); null without orders */
                return_rate: number | null;
                refunds: number;
                returnless_refunds: number;
                disputes_lost: number;
                flagged: boolean;
            } | null;
            refund_preview: components["schemas"]["RefundPreview"] | null;
        };
        CaseEvent: {
            id: string;
            case_id: string;
            seq: number;
            type: string;
            actor: {
                role: string;
                id: string;
            };
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            at: string;
            payload: {
                [key: string]: unknown;
            };
            prev_hash: string;
            hash: string;
        };
        Message: {
            id: string;
            order_id: string;
            seq: number;
            /** @enum {string} */
            kind: "message" | "system";
            author: {
                id: string;
                role: string;
                /** @description The author's name (in thread pages) */
                name?: string;
            };
            /** @description Plain text; clients must show it escaped. */
            body: string;
            attachment_ids: string[];
            case_id: string | null;
            event_id: string | null;
            /** @description For system lines: the case event shown (clients translate it). */
            event_type: string | null;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            created_at: string;
            prev_hash: string;
            hash: string;
        };
        User: {
            id: string;
            email: string;
            name: string;
            /** @enum {string} */
            role: "buyer" | "seller" | "agent" | "operator";
            seller_id: string | null;
            /** @enum {string} */
            locale: "en" | "zh-CN";
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            created_at: string;
            /** @description Set by an operator: the user cannot log in and their credentials do not work. */
            disabled_at: string | null;
        };
        ApiKey: {
            id: string;
            /** @description The first characters of the key, to tell keys apart. */
            prefix: string;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            created_at: string;
            revoked_at: string | null;
        };
        Session: {
            id: string;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            expires_at: string;
            /** @description The session this request came with. */
            current: boolean;
        };
        Seller: {
            id: string;
            name: string;
            time_zone: string;
            region: string;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            created_at: string;
        };
        DeliveryAddress: {
            name: string;
            line1: string;
            line2: string | null;
            city: string;
            region: string | null;
            postal_code: string;
            country: string;
            phone: string | null;
        };
        ReturnAddress: {
            id: string;
            seller_id: string;
            name: string;
            line1: string;
            line2: string | null;
            city: string;
            region: string | null;
            postal_code: string;
            country: string;
            phone: string | null;
            instructions: string | null;
            buyer_countries: string[];
            is_default: boolean;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            updated_at: string;
        };
        Order: {
            id: string;
            external_id: string;
            seller_id: string;
            /** @description The name of the shop the order was bought from */
            shop_name: string;
            buyer_id: string;
            currency: string;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            placed_at: string;
            delivered_at: string | null;
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            shipping_amount: number;
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            order_discount_amount: number;
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            total_paid: number;
            payment_reference: string;
            ship_to: components["schemas"]["DeliveryAddress"] | null;
            lines: {
                id: string;
                sku: string;
                title: string;
                category: string;
                quantity: number;
                /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                unit_price: number;
                /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                line_discount_amount: number;
                /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                tax_amount: number;
                in_stock?: boolean;
                variants?: {
                    sku: string;
                    title: string;
                    /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                    unit_price: number;
                    in_stock: boolean;
                }[];
            }[];
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            created_at: string;
        };
        IngestedOrder: {
            id: string;
            external_id: string;
            seller_id: string;
            /** @description The name of the shop the order was bought from (absent only when a retry replays an answer given before answers carried it) */
            shop_name?: string;
            buyer_id: string;
            currency: string;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            placed_at: string;
            delivered_at: string | null;
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            shipping_amount: number;
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            order_discount_amount: number;
            /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
            total_paid: number;
            payment_reference: string;
            ship_to: components["schemas"]["DeliveryAddress"] | null;
            lines: {
                id: string;
                sku: string;
                title: string;
                category: string;
                quantity: number;
                /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                unit_price: number;
                /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                line_discount_amount: number;
                /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                tax_amount: number;
                in_stock?: boolean;
                variants?: {
                    sku: string;
                    title: string;
                    /** @description Amount in integer minor units of the currency (cents for USD), at most 1000000000000. */
                    unit_price: number;
                    in_stock: boolean;
                }[];
            }[];
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            created_at: string;
        };
        Eligibility: {
            order_id: string;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            evaluated_at: string;
            delivered_at: string | null;
            eligible: boolean;
            lines: {
                order_line_id: string;
                sku: string;
                title: string;
                category: string;
                eligible: boolean;
                quantity: number;
                claimed_quantity: number;
                returnable_quantity: number;
                window_days: number;
                window_closes_at: string | null;
                reasons_allowed: string[];
                refund_only_reasons_allowed: string[];
                blockers: ({
                    code: string;
                    message: string;
                } & {
                    [key: string]: unknown;
                })[];
            }[];
            condition_text: string;
            preparation_checklist: string[];
            return_shipping_payer: {
                seller: string;
                buyer: string;
            };
            refund_destinations: string[];
        };
        ReturnPolicy: {
            currency: string;
            window_days: number;
            categories: {
                [key: string]: {
                    returnable?: boolean;
                    window_days?: number;
                    reasons_allowed?: string[];
                };
            };
            reasons_allowed: string[];
            refund_only_reasons: string[];
            condition_text: string;
            preparation_checklist: string[];
            return_shipping_payer: {
                seller: string;
                buyer: string;
            };
            return_shipping_reimbursement_cap: number;
            /**
             * @description How the shop pays the postage it owes: 'reimburse' (the buyer ships and is repaid up to the cap) or 'prepaid_label' (a label is bought at approval; the buyer only drops the parcel off)
             * @enum {string}
             */
            return_postage: "reimburse" | "prepaid_label";
            restocking_fee_pct: number;
            max_deduction_pct: number;
            refund_destinations: string[];
            auto_approval: {
                fault?: string;
                reasons?: string[];
                case_types?: string[];
                max_amount?: number;
            }[];
            returnless_refunds: {
                reasons?: string[];
                categories?: string[];
                max_amount: number;
            }[];
            returnless_limit: {
                count: number;
                days: number;
            };
            /** @description Days after a ruling or an automatic refund in which the losing party may appeal once */
            appeal_window_days: number;
            tracking_silence_days: number;
            reminder_hours_before: number[];
            deadlines: {
                [key: string]: {
                    hours: number;
                } | {
                    business_days: number;
                };
            };
        };
        PlatformRules: {
            /** @description A buyer with more cases than this in 90 days (every shop) gets no automatic decision */
            max_cases_90_days: number | null;
            /** @description Cases per order over which a buyer gets no automatic decision */
            max_return_rate: number | null;
            /** @description The return rate counts once the buyer has this many orders */
            min_orders: number;
        };
        WhatIfFigures: {
            /** @description Requests approved by an auto-approval rule */
            auto_approvals: number;
            returnless_refunds: number;
            expiries: {
                total: number;
                by_deadline: {
                    deadline: string;
                    count: number;
                }[];
            };
            refunds: {
                /** @description Cases that reached a refund (entered refund_pending) */
                count: number;
                by_currency: {
                    currency: string;
                    count: number;
                    /** @description Integer minor units; negative only in `difference` */
                    amount: number;
                }[];
            };
            /** @description Kept by the seller from the refunds */
            fees: {
                currency: string;
                /** @description Integer minor units; negative only in `difference` */
                restocking_fees: number;
                /** @description Integer minor units; negative only in `difference` */
                deductions: number;
            }[];
            /** @description Requests the draft would not have accepted */
            requests_refused: number;
        };
        PolicySimulation: {
            seller_id: string;
            time_zone: string;
            from: string;
            to: string;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            evaluated_at: string;
            cases: {
                in_period: number;
                considered: number;
                limit: number;
                /** @description More cases were requested in the period than the 1000 replayed (the oldest are) */
                truncated: boolean;
                /** @description Replays that stopped where the draft diverged from the record */
                stopped: number;
            };
            actual: components["schemas"]["WhatIfFigures"];
            draft: components["schemas"]["WhatIfFigures"];
            /** @description draft - actual */
            difference: components["schemas"]["WhatIfFigures"];
            /** @description At most 50, oldest first */
            changed_cases: {
                case_id: string;
                order_id: string;
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                requested_at: string;
                changes: {
                    /** @enum {string} */
                    what: "auto_approval" | "returnless_refund" | "expiry" | "refund" | "fees" | "request_refused";
                    deadline?: string;
                    currency?: string;
                    actual: number | null;
                    draft: number | null;
                }[];
                stopped: {
                    event: string;
                    /**
                     * Format: date-time
                     * @example 2026-03-02T09:00:00.000Z
                     */
                    at: string;
                    reason: string;
                    state: string;
                } | null;
                refused: {
                    code: string;
                    message: string;
                } | null;
            }[];
            changed_cases_total: number;
        };
        CaseRecord: {
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            generated_at: string;
            case: {
                [key: string]: unknown;
            };
            order: {
                [key: string]: unknown;
            };
            events: {
                id: string;
                case_id: string;
                seq: number;
                type: string;
                actor: {
                    role: string;
                    id: string;
                };
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                at: string;
                payload: {
                    [key: string]: unknown;
                };
                prev_hash: string;
                hash: string;
            }[];
            messages: components["schemas"]["Message"][];
            attachments: {
                id: string;
                kind: string;
                mime_type: string;
                size_bytes: number;
                sha256: string;
                file_name: string;
                uploaded_by: string;
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                created_at: string;
            }[];
            verification: {
                events: {
                    ok: boolean;
                    checked: number;
                    broken?: {
                        seq: number;
                        id: string;
                        reason: string;
                    };
                };
                messages: {
                    ok: boolean;
                    checked: number;
                    broken?: {
                        seq: number;
                        id: string;
                        reason: string;
                    };
                };
            };
        };
        Jwks: {
            keys: {
                /** @constant */
                kty: "OKP";
                /** @constant */
                crv: "Ed25519";
                /** @description The raw public key, base64url */
                x: string;
                kid: string;
                /** @constant */
                use: "sig";
                /** @constant */
                alg: "EdDSA";
                /**
                 * Format: date-time
                 * @description From when the key signs
                 * @example 2026-03-02T09:00:00.000Z
                 */
                valid_from: string;
                /** @description When it stopped signing (a newer key took over); null for the current key */
                valid_until: string | null;
            }[];
        };
        CaseBundle: {
            /** @constant */
            format: "sendback.case-bundle/1";
            case: {
                [key: string]: unknown;
            };
            order: {
                [key: string]: unknown;
            };
            events: {
                [key: string]: unknown;
            }[];
            messages: {
                [key: string]: unknown;
            }[];
            attachments: ({
                id: string;
                sha256: string;
                content_base64: string;
            } & {
                [key: string]: unknown;
            })[];
            policies: {
                version: number;
                policy: unknown;
                /**
                 * Format: date-time
                 * @example 2026-03-02T09:00:00.000Z
                 */
                created_at: string;
            }[];
            manifest: {
                [key: string]: unknown;
            };
            signature: {
                /** @constant */
                alg: "EdDSA";
                kid: string;
                value: string;
                jwk: {
                    /** @constant */
                    kty: "OKP";
                    /** @constant */
                    crv: "Ed25519";
                    /** @description The raw public key, base64url */
                    x: string;
                    kid: string;
                    /** @constant */
                    use: "sig";
                    /** @constant */
                    alg: "EdDSA";
                    /**
                     * Format: date-time
                     * @description From when the key signs
                     * @example 2026-03-02T09:00:00.000Z
                     */
                    valid_from: string;
                    /** @description When it stopped signing (a newer key took over); null for the current key */
                    valid_until: string | null;
                };
            };
        } & {
            [key: string]: unknown;
        };
        WebhookEndpoint: {
            id: string;
            /** @description The shop whose events it receives; null: every shop's. */
            seller_id: string | null;
            url: string;
            /** @description Event types or patterns such as `return.*`; empty: every event. */
            events: string[];
            /** @enum {string} */
            status: "enabled" | "disabled";
            consecutive_failures: number;
            disabled_at: string | null;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            created_at: string;
        };
        WebhookEndpointWithSecret: {
            id: string;
            /** @description The shop whose events it receives; null: every shop's. */
            seller_id: string | null;
            url: string;
            /** @description Event types or patterns such as `return.*`; empty: every event. */
            events: string[];
            /** @enum {string} */
            status: "enabled" | "disabled";
            consecutive_failures: number;
            disabled_at: string | null;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            created_at: string;
            /** @description HMAC-SHA256 key of the `Sendback-Signature` header. Keep it secret. */
            secret: string;
        };
        WebhookDelivery: {
            id: string;
            endpoint_id: string;
            event_id: string;
            event_type: string;
            /** @enum {string} */
            status: "pending" | "succeeded" | "failed";
            attempts: number;
            /** @description When pending: the next attempt. */
            next_attempt_at: string | null;
            last_status_code: number | null;
            /** @description Why the last attempt failed: `unexpected_status`, `refused_target`, `timeout`, `dns_failed`, `tls_failed`, `connection_failed` (or `endpoint deleted`). The receiver's answer is never kept. */
            last_error: string | null;
            /**
             * Format: date-time
             * @example 2026-03-02T09:00:00.000Z
             */
            created_at: string;
            delivered_at: string | null;
            /** @description The JSON body sent, exactly. */
            payload: unknown;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
