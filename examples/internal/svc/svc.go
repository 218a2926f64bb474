// Package svc runs an example service: its handler on one port and the
// runtime's /debug/pprof and /debug/vars on another, as a production
// service keeps its diagnostics off the public port.
package svc

import (
	"context"
	"errors"
	"expvar"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	_ "net/http/pprof" // registers /debug/pprof/ on http.DefaultServeMux
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"
)

// Service describes one example: its name, the path to load and how to
// install its handlers (slow or fixed).
type Service struct {
	Name string
	// Target is the path and query to drive load at, e.g. "/work?iters=2000".
	Target string
	// Setup registers the handlers on mux; fixed selects the optimised twin.
	Setup func(mux *http.ServeMux, fixed bool)
}

// Main parses the common flags, starts both listeners, prints their URLs
// (one "name URL" line each, read by scripts/example.ts and the tests) and
// serves until SIGINT or SIGTERM.
func Main(s Service) {
	addr := flag.String("addr", "127.0.0.1:0", "service listen address (port 0: any free port)")
	pprofAddr := flag.String("pprof", "127.0.0.1:0", "/debug/pprof listen address (port 0: any free port)")
	fixed := flag.Bool("fixed", false, "run the optimised twin")
	flag.Parse()

	expvar.NewString("goversion").Set(runtime.Version())
	expvar.NewString("example").Set(s.Name)
	expvar.Publish("fixed", expvar.Func(func() any { return *fixed }))
	expvar.Publish("goroutines", expvar.Func(func() any { return runtime.NumGoroutine() }))
	// gotune verify compares it between two runs: a different GOMAXPROCS makes two runs incomparable.
	expvar.Publish("gomaxprocs", expvar.Func(func() any { return runtime.GOMAXPROCS(0) }))

	mux := http.NewServeMux()
	mux.HandleFunc("/health", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") })
	s.Setup(mux, *fixed)

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatalf("%s: %v", s.Name, err)
	}
	pln, err := net.Listen("tcp", *pprofAddr)
	if err != nil {
		log.Fatalf("%s: %v", s.Name, err)
	}
	variant := "slow"
	if *fixed {
		variant = "fixed"
	}
	fmt.Printf("example %s %s\n", s.Name, variant)
	fmt.Printf("service http://%s\n", ln.Addr())
	fmt.Printf("target http://%s%s\n", ln.Addr(), s.Target)
	fmt.Printf("pprof http://%s\n", pln.Addr())
	fmt.Println("ready")

	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	// No WriteTimeout on the diagnostics server: /debug/pprof/profile?seconds=N
	// answers only after N seconds.
	psrv := &http.Server{Handler: http.DefaultServeMux, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 2)
	go func() { errc <- srv.Serve(ln) }()
	go func() { errc <- psrv.Serve(pln) }()

	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	select {
	case <-sig:
	case err := <-errc:
		if !errors.Is(err, http.ErrServerClosed) {
			log.Printf("%s: %v", s.Name, err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = srv.Shutdown(ctx)
	_ = psrv.Shutdown(ctx)
}

// IntParam reads an integer query parameter, with a default and bounds.
func IntParam(r *http.Request, name string, def, min, max int) int {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def
	}
	var n int
	if _, err := fmt.Sscan(v, &n); err != nil || n < min {
		return min
	}
	if n > max {
		return max
	}
	return n
}
