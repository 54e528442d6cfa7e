// Command embedded-store runs FerretDB v1 with its SQLite backend as a small
// MongoDB-compatible server for baocao-bot when no MONGODB_URI is configured.
//
// It prints exactly one line "URI <mongodb-uri>" on stdout once it accepts
// connections, and stops when it receives SIGINT/SIGTERM or when its stdin is
// closed: the Node parent keeps stdin open, so the server can never outlive it,
// even when the parent is killed with SIGKILL.
//
// It also keeps every collection indexed on the exact `_id` expression FerretDB
// queries (idindex.go): once at start for the databases already there, then by a
// sweep every second. A line "index" on stdin asks for a sweep now; the answer
// "indexed" on stdout says it is done. EMBEDDED_STORE_NO_EXTRA_INDEX=1 turns the
// extra index off (to measure without it, or to make a store as earlier versions
// did). Clients reach FerretDB through a proxy that bounds the commands in flight
// (gate.go). `embedded-store --explain <file.sqlite> [statement...]` prints query plans
// (explain.go).
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	dataDir := flag.String("data", "./data/store", "directory for the SQLite database files")
	listen := flag.String("listen", "127.0.0.1:0", "TCP address to listen on (port 0 picks a free port)")
	logLevel := flag.String("log-level", "error", "FerretDB log level: debug, info, warn, error")
	explainFile := flag.String("explain", "", "print the query plans of FerretDB's _id statements for this .sqlite file, then exit")
	flag.Parse()

	if *explainFile != "" {
		if err := explain(*explainFile, flag.Args()); err != nil {
			fmt.Fprintln(os.Stderr, "embedded-store:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*dataDir, *listen, *logLevel); err != nil {
		fmt.Fprintln(os.Stderr, "embedded-store:", err)
		os.Exit(1)
	}
}

func run(dataDir, listen, logLevel string) error {
	defer startCPUProfile()()
	abs, err := filepath.Abs(dataDir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return fmt.Errorf("cannot create data directory %s: %w", abs, err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	logger := newLogger(logLevel)

	// Clients connect to the command gate (gate.go) on the requested address; FerretDB
	// itself listens on a free loopback port behind it. Bind first: a busy address fails
	// the start at once.
	front, err := net.Listen("tcp", listen)
	if err != nil {
		return err
	}
	defer front.Close()

	// Index the databases already there before FerretDB opens them, so that no command of
	// this run scans, then keep new collections indexed while it runs.
	// Without the indexer, indexNow stays nil and "index" is answered at once.
	var indexNow chan chan struct{}
	if os.Getenv("EMBEDDED_STORE_NO_EXTRA_INDEX") != "1" {
		indexNow = make(chan chan struct{})
		indexer := newIDIndexer(abs, logger)
		indexer.sweep(ctx, true)
		go indexer.run(ctx, indexNow)
	}

	go serveStdin(cancel, indexNow)

	f, err := ferretdb.New(&ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: "127.0.0.1:0"},
		Handler:  "sqlite",
		// _txlock=immediate: FerretDB's transactions (InsertAll, UpdateAll) begin with BEGIN
		// IMMEDIATE, taking the write lock up front and waiting for it under busy_timeout.
		// Today each of them starts with a write, which SQLite treats the same way, so this
		// is a guarantee rather than a change: a DEFERRED transaction that read first and
		// then wrote while another connection held the lock would fail at once with
		// SQLITE_BUSY, without waiting (SQLite cannot wait there without risking deadlock).
		// FerretDB's URI parser keeps unknown parameters and copies them to every database
		// file's URI; the modernc driver reads _txlock.
		SQLiteURL: "file:" + filepath.ToSlash(abs) + "/?_txlock=immediate",
		Logger:    logger,
	})
	if err != nil {
		return err
	}

	done := make(chan struct{})
	go func() {
		defer close(done)
		f.Run(ctx)
	}()

	backendURI, err := waitForURI(ctx, f)
	if err != nil {
		return err
	}
	uri, err := url.Parse(backendURI)
	if err != nil {
		return err
	}
	go newCommandGate(uri.Host, logger).serve(ctx, front)
	uri.Host = front.Addr().String()
	say("URI " + uri.String())

	<-done
	return nil
}

var stdoutMu sync.Mutex

// say writes one line to stdout, the channel the Node parent reads.
func say(line string) {
	stdoutMu.Lock()
	defer stdoutMu.Unlock()
	fmt.Println(line)
}

// serveStdin answers the parent's requests, one per line, and stops the server when stdin
// reaches EOF, i.e. when the parent exits. "index" → sweep now (when the extra index is on)
// → "indexed". Unknown lines are ignored.
func serveStdin(cancel context.CancelFunc, indexNow chan<- chan struct{}) {
	defer cancel()
	lines := bufio.NewScanner(os.Stdin)
	for lines.Scan() {
		if lines.Text() != "index" {
			continue
		}
		if indexNow != nil {
			done := make(chan struct{})
			indexNow <- done
			<-done
		}
		say("indexed")
	}
}

// waitForURI waits until the listener is bound: MongoDBURI blocks until then.
func waitForURI(ctx context.Context, f *ferretdb.FerretDB) (string, error) {
	uri := make(chan string, 1)
	go func() { uri <- f.MongoDBURI() }()
	select {
	case u := <-uri:
		return u, nil
	case <-ctx.Done():
		return "", ctx.Err()
	case <-time.After(30 * time.Second):
		return "", fmt.Errorf("server did not start listening within 30s")
	}
}

func newLogger(level string) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelError
	}
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: l}))
}
