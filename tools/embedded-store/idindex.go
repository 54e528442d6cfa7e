package main

// The extra `_id` index.
//
// FerretDB v1.24.2 (internal/backends/sqlite) creates each collection's unique `_id` index on
// the SQLite expression `_ferretdb_sjson->"_id"`, but every statement it sends with an `_id`
// filter uses the expression `_ferretdb_sjson->'$._id'` (metadata.IDColumn):
//
//	find/findById/findOne/findOneAndUpdate/updateOne/replaceOne (the read before the write):
//	    SELECT _ferretdb_sjson FROM "<table>" WHERE _ferretdb_sjson->'$._id' = ? [LIMIT ?]
//	updateOne/replaceOne/findOneAndUpdate (the write, in a transaction):
//	    UPDATE "<table>" SET _ferretdb_sjson = ? WHERE _ferretdb_sjson->'$._id' = ?
//	an upsert that matched nothing: INSERT INTO "<table>" (_ferretdb_sjson) VALUES (?)
//	deleteOne/deleteMany (after the read):
//	    DELETE FROM "<table>" WHERE _ferretdb_sjson->'$._id' IN (?, ...)
//
// (the SELECT is pushed down only when the filter is exactly {_id: <string or ObjectId>}).
// SQLite uses an expression index only for the identical expression, so all of these scan the
// whole table. This file adds, next to FerretDB's own, a unique index on exactly
// `_ferretdb_sjson->'$._id'` to every table listed in `_ferretdb_collections` of every database.
//
// Why this is safe: FerretDB lists and drops indexes from the `settings` it keeps in
// `_ferretdb_collections`, never from sqlite_master, so listIndexes/syncIndexes/dropIndexes do
// not see the extra index; DROP TABLE (dropCollection) drops it with the table; dropDatabase
// removes the file. The index is as unique as FerretDB's own (same values), so it can never
// refuse a write that FerretDB's own index accepts.
//
// Why a periodic sweep from a connection of our own: the embedding API gives no access to
// FerretDB's connections or a hook on collection creation, and SQLite triggers cannot run DDL.
// A collection created while the server runs is therefore indexed by the next sweep (≤ 1 s
// later); until then it is young and small, so a scan costs little. Sweeps are nearly free: a
// database file whose size and modification time (and those of its -wal) are unchanged since a
// sweep found all its tables indexed is not opened at all; otherwise one short connection reads
// two small catalog tables and creates only the missing indexes. Any failure (a locked
// database, a file being dropped) is logged and retried by the next sweep; it never stops the
// server.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // pure-Go SQLite driver, the one FerretDB uses (CGO_ENABLED=0)
)

const (
	// idIndexSuffix names the extra index "<table>_baocao_id"; FerretDB names its own indexes
	// "<table>_<mongo index name>", and no model of ours has an index named "baocao_id".
	idIndexSuffix = "_baocao_id"
	// idExpression is, character for character, what FerretDB filters `_id` on.
	idExpression = `_ferretdb_sjson->'$._id'`
	// sweepInterval bounds how long a new collection goes without the index.
	sweepInterval = time.Second
	// indexerBusyTimeout: our connection waits this long for FerretDB's writers; longer waits
	// would only delay FerretDB's own writes queued behind our CREATE INDEX.
	indexerBusyTimeout = 2 * time.Second
)

// fileStamp is what a database file and its write-ahead log looked like.
type fileStamp struct {
	dbSize, walSize   int64
	dbMtime, walMtime time.Time
}

// idIndexer keeps every collection's table in a data directory indexed on idExpression.
type idIndexer struct {
	dir string
	l   *slog.Logger
	// done holds the stamp of each file whose tables were all indexed when last looked at.
	done map[string]fileStamp
}

func newIDIndexer(dir string, l *slog.Logger) *idIndexer {
	return &idIndexer{dir: dir, l: l, done: map[string]fileStamp{}}
}

// run sweeps every sweepInterval and whenever a request arrives on now (the reply channel is
// closed when that sweep is over), until ctx is done. Sweeps never overlap.
func (x *idIndexer) run(ctx context.Context, now <-chan chan struct{}) {
	ticker := time.NewTicker(sweepInterval)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
			x.sweep(ctx, false)
		case reply := <-now:
			x.sweep(ctx, true)
			close(reply)
		}
	}
}

// sweep indexes every database file in the directory; force ignores the cache.
func (x *idIndexer) sweep(ctx context.Context, force bool) {
	files, err := filepath.Glob(filepath.Join(x.dir, "*.sqlite"))
	if err != nil {
		x.l.Warn("id index: cannot list databases", slog.String("error", err.Error()))
		return
	}
	seen := make(map[string]bool, len(files))
	for _, file := range files {
		seen[file] = true
		stamp, ok := stampOf(file)
		if !ok || stamp.dbSize == 0 { // gone, or just created by FerretDB and still empty
			delete(x.done, file)
			continue
		}
		if prev, indexed := x.done[file]; indexed && prev == stamp && !force {
			continue
		}
		// The stamp is taken before the look: a change made meanwhile forces another look.
		if err := ensureIDIndexes(ctx, file); err != nil {
			delete(x.done, file)
			x.l.Warn("id index: will retry", slog.String("db", file), slog.String("error", err.Error()))
			continue
		}
		x.done[file] = stamp
	}
	for file := range x.done {
		if !seen[file] {
			delete(x.done, file)
		}
	}
}

func stampOf(file string) (fileStamp, bool) {
	db, err := os.Stat(file)
	if err != nil {
		return fileStamp{}, false
	}
	s := fileStamp{dbSize: db.Size(), dbMtime: db.ModTime()}
	if wal, err := os.Stat(file + "-wal"); err == nil {
		s.walSize, s.walMtime = wal.Size(), wal.ModTime()
	}
	return s, true
}

// openExisting opens a database file of FerretDB's without ever creating one (mode=rw or ro):
// a file dropped a moment ago must stay dropped.
func openExisting(file, mode string) (*sql.DB, error) {
	u := url.URL{Scheme: "file", OmitHost: true, Path: file}
	q := url.Values{}
	q.Set("mode", mode)
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", indexerBusyTimeout.Milliseconds()))
	u.RawQuery = q.Encode()
	db, err := sql.Open("sqlite", u.String())
	if err != nil {
		return nil, err
	}
	// One short-lived connection: it is closed at the end of every look, so a database that
	// FerretDB drops is held open by us for at most that long. Should a drop (which closes
	// FerretDB's connections and removes the .sqlite file) meet a look, SQLite neither
	// checkpoints nor deletes the -wal of a file that was unlinked while open, so our close
	// cannot touch anything else; the dropped file's -wal/-shm may then stay behind.
	db.SetMaxOpenConns(1)
	return db, nil
}

// ensureIDIndexes creates the extra index on every collection table of one database file
// that lacks it. Statements run one by one in autocommit mode, so each waits (busy timeout)
// for FerretDB's writers instead of failing, and none holds the write lock for long.
func ensureIDIndexes(ctx context.Context, file string) error {
	db, err := openExisting(file, "rw")
	if err != nil {
		return err
	}
	defer db.Close()

	missing, err := tablesWithoutIDIndex(ctx, db)
	if err != nil {
		return err
	}
	var errs []error
	for _, table := range missing {
		q := fmt.Sprintf("CREATE UNIQUE INDEX IF NOT EXISTS %s ON %s (%s)",
			quoteIdent(table+idIndexSuffix), quoteIdent(table), idExpression)
		if _, err := db.ExecContext(ctx, q); err != nil {
			// e.g. the collection was dropped meanwhile: the next sweep won't list it.
			errs = append(errs, fmt.Errorf("%s: %w", table, err))
		}
	}
	return errors.Join(errs...)
}

// tablesWithoutIDIndex lists FerretDB's collection tables that have no extra index yet.
// A file that is not (yet) a FerretDB database has none.
func tablesWithoutIDIndex(ctx context.Context, db *sql.DB) ([]string, error) {
	var catalog int
	err := db.QueryRowContext(ctx,
		`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_ferretdb_collections'`,
	).Scan(&catalog)
	if err != nil || catalog == 0 {
		return nil, err
	}
	rows, err := db.QueryContext(ctx, `
		SELECT c.table_name FROM _ferretdb_collections c
		WHERE NOT EXISTS (
			SELECT 1 FROM sqlite_master m
			WHERE m.type = 'index' AND m.name = c.table_name || ?)
		AND EXISTS (SELECT 1 FROM sqlite_master t WHERE t.type = 'table' AND t.name = c.table_name)`,
		idIndexSuffix)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var tables []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		tables = append(tables, t)
	}
	return tables, rows.Err()
}

// quoteIdent quotes an SQL identifier (table names derive from collection names).
func quoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}
