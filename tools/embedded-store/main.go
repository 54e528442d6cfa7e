// Command embedded-store runs FerretDB v1 with its SQLite backend as a small
// MongoDB-compatible server for baocao-bot when no MONGODB_URI is configured.
//
// It prints exactly one line "URI <mongodb-uri>" on stdout once it accepts
// connections, and stops when it receives SIGINT/SIGTERM or when its stdin is
// closed: the Node parent keeps stdin open, so the server can never outlive it,
// even when the parent is killed with SIGKILL.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	dataDir := flag.String("data", "./data/store", "directory for the SQLite database files")
	listen := flag.String("listen", "127.0.0.1:0", "TCP address to listen on (port 0 picks a free port)")
	logLevel := flag.String("log-level", "error", "FerretDB log level: debug, info, warn, error")
	flag.Parse()

	if err := run(*dataDir, *listen, *logLevel); err != nil {
		fmt.Fprintln(os.Stderr, "embedded-store:", err)
		os.Exit(1)
	}
}

func run(dataDir, listen, logLevel string) error {
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

	// Parent death detection: stdin reaches EOF when the parent exits.
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		cancel()
	}()

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: listen},
		Handler:   "sqlite",
		SQLiteURL: "file:" + filepath.ToSlash(abs) + "/",
		Logger:    newLogger(logLevel),
	})
	if err != nil {
		return err
	}

	done := make(chan struct{})
	go func() {
		defer close(done)
		f.Run(ctx)
	}()

	uri, err := waitForURI(ctx, f)
	if err != nil {
		return err
	}
	fmt.Printf("URI %s\n", uri)

	<-done
	return nil
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
