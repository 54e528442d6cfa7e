package main

// The command gate: clients talk to FerretDB through this small proxy, which lets at most
// maxCommandsInFlight commands be inside FerretDB at once.
//
// Why: FerretDB v1.24.2 gives each database a pool of 100 SQLite connections
// (internal/backends/sqlite/metadata/pool/opendb.go, SetMaxOpenConns(100)). An update,
// findAndModify or delete keeps the connection of its query open (the iterator's sql.Rows)
// while it takes a second connection for the write (internal/handler/msg_update.go →
// common.UpdateDocument → collection.UpdateAll/InsertAll → InTransaction). Once 100 such
// commands hold their first connection and wait for a second, none can finish, and nothing
// times out: the store hangs for good. Reproduced here with 200 concurrent upserts through
// one mongoose connection (maxPoolSize 200): after 10 minutes a goroutine dump showed 100
// goroutines in database/sql.(*DB).conn under UpdateAll, 100 open Rows and no progress. One
// mongoose connection with the default maxPoolSize (100) can reach the same state.
// FerretDB's embedding API can change neither the pool nor the handler, so the limit is put
// in front of it. With 40 commands in flight at most, they need at most 80 connections,
// leaving 20 for cursors that stay open between getMore commands. On two cores 40 commands
// at once are plenty: more would only queue inside FerretDB instead of here.
//
// The proxy reads whole wire-protocol messages (a 16-byte header starting with the length);
// a request takes a slot and the reply that ends it gives it back. FerretDB supports neither
// compression nor exhaust cursors, but the moreToCome flag of OP_MSG is still honoured both
// ways: a request with it gets no reply, a reply with it is followed by more.

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"sync"
)

const (
	maxCommandsInFlight = 40
	maxMessageBytes     = 48_000_000 + 16*1024 // MongoDB's maxMessageSizeBytes, plus slack
	opMsg               = 2013
	flagMoreToCome      = 1 << 1
)

// commandGate admits a bounded number of commands into FerretDB.
type commandGate struct {
	slots   chan struct{}
	backend string
	l       *slog.Logger
}

func newCommandGate(backend string, l *slog.Logger) *commandGate {
	return &commandGate{slots: make(chan struct{}, maxCommandsInFlight), backend: backend, l: l}
}

// serve accepts clients on front until ctx is done.
func (g *commandGate) serve(ctx context.Context, front net.Listener) {
	go func() {
		<-ctx.Done()
		front.Close()
	}()
	for {
		client, err := front.Accept()
		if err != nil {
			if ctx.Err() != nil || errors.Is(err, net.ErrClosed) {
				return
			}
			g.l.Warn("gate: accept failed", slog.String("error", err.Error()))
			continue
		}
		go g.relay(ctx, client)
	}
}

// relay carries one client connection to its own FerretDB connection and back.
func (g *commandGate) relay(ctx context.Context, client net.Conn) {
	defer client.Close()
	var dialer net.Dialer
	server, err := dialer.DialContext(ctx, "tcp", g.backend)
	if err != nil {
		g.l.Warn("gate: cannot reach FerretDB", slog.String("error", err.Error()))
		return
	}
	defer server.Close()

	// held counts this connection's slots: a client sends its next command only after the
	// reply to the last one, so it is 0 or 1, except around moreToCome messages.
	var mu sync.Mutex
	held := 0
	release := func() {
		mu.Lock()
		defer mu.Unlock()
		if held > 0 {
			held--
			<-g.slots
		}
	}

	done := make(chan struct{}, 2)
	go func() { // requests
		defer func() { done <- struct{}{} }()
		for {
			msg, err := readMessage(client)
			if err != nil {
				return
			}
			select {
			case g.slots <- struct{}{}:
			case <-ctx.Done():
				return
			}
			mu.Lock()
			held++
			mu.Unlock()
			if _, err := server.Write(msg); err != nil {
				return
			}
			if moreToCome(msg) { // no reply will come
				release()
			}
		}
	}()
	go func() { // replies
		defer func() { done <- struct{}{} }()
		for {
			msg, err := readMessage(server)
			if err != nil {
				return
			}
			if _, err := client.Write(msg); err != nil {
				return
			}
			if !moreToCome(msg) {
				release()
			}
		}
	}()

	<-done // one side ended: end the other, then give back what is still held
	client.Close()
	server.Close()
	<-done
	mu.Lock()
	for ; held > 0; held-- {
		<-g.slots
	}
	mu.Unlock()
}

// readMessage reads one whole wire-protocol message.
func readMessage(r io.Reader) ([]byte, error) {
	var header [16]byte
	if _, err := io.ReadFull(r, header[:]); err != nil {
		return nil, err
	}
	length := int(binary.LittleEndian.Uint32(header[0:4]))
	if length < len(header) || length > maxMessageBytes {
		return nil, fmt.Errorf("bad message length %d", length)
	}
	msg := make([]byte, length)
	copy(msg, header[:])
	if _, err := io.ReadFull(r, msg[len(header):]); err != nil {
		return nil, err
	}
	return msg, nil
}

// moreToCome tells whether an OP_MSG says another message follows without an answer.
func moreToCome(msg []byte) bool {
	return len(msg) >= 20 &&
		binary.LittleEndian.Uint32(msg[12:16]) == opMsg &&
		binary.LittleEndian.Uint32(msg[16:20])&flagMoreToCome != 0
}
