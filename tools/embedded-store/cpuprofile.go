package main

import (
	"fmt"
	"os"
	"runtime/pprof"
)

// startCPUProfile writes a Go CPU profile of the whole run to the file named by
// EMBEDDED_STORE_CPU_PROFILE, for `go tool pprof -top <binary> <file>`: it shows where the
// store's time goes per command (FerretDB's handlers, SQLite, the gate). The returned function
// stops it; without the variable it does nothing.
func startCPUProfile() func() {
	path := os.Getenv("EMBEDDED_STORE_CPU_PROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "embedded-store: cpu profile:", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintln(os.Stderr, "embedded-store: cpu profile:", err)
		f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}
