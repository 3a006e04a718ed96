// Pieces of SQL text shared by the store's named statements.
#pragma once

// A timestamptz column as the platform's ISO text in China Standard Time: 2026-06-01T10:00:00+08:00.
#define OW_SQL_CST(col) "to_char(" col " AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD\"T\"HH24:MI:SS\"+08:00\"')"
