// Command dumps records goroutine dumps for `gotune goroutines`: debug=1 and
// debug=2 text dumps and goroutine profiles in two snapshots while goroutines
// leak, plus a panic traceback and SIGQUIT tracebacks captured from children.
//
// Modes (-mode):
//
//	snapshot  (default) park goroutines in many ways, leak some, write
//	          dumps.{1,2}.{debug1.txt,debug2.txt,pb.gz} and
//	          dumps.2.labels.debug2.txt into -out, then run the child modes
//	          below and write their stderr as panic.txt, panic-all.txt
//	          (GOTRACEBACK=all), sigquit.txt (all) and sigquit-system.txt
//	panic     park goroutines, then panic (the parent captures stderr)
//	sigquit   park goroutines, then send itself SIGQUIT
//	serve     park goroutines, serve /debug/pprof/ on 127.0.0.1:0 and print
//	          "listening on ADDR" on stdout, until stdin closes
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sync"
	"syscall"
	"time"
)

var (
	outDir   = flag.String("out", ".", "directory to write the dumps into")
	mode     = flag.String("mode", "snapshot", "snapshot, panic, sigquit or serve")
	interval = flag.Duration("interval", 65*time.Second,
		"time between the two snapshots; over a minute so that the runtime prints wait minutes")
)

// started counts goroutines that are about to park.
var started sync.WaitGroup

// park starts f in a goroutine that carries the pprof labels kv (if any).
func park(f func(), kv ...string) {
	started.Add(1)
	if len(kv) == 0 {
		go f()
		return
	}
	pprof.Do(context.Background(), pprof.Labels(kv...), func(context.Context) { go f() })
}

func waitReceive(ch <-chan int) {
	started.Done()
	<-ch
}

func waitSend(ch chan<- int) {
	started.Done()
	ch <- 1
}

func waitSelect(a <-chan int, b <-chan string) {
	started.Done()
	select {
	case <-a:
	case <-b:
	}
}

func waitNilChan() {
	started.Done()
	var ch chan int
	<-ch
}

func waitSelectNoCases() {
	started.Done()
	select {}
}

func waitMutex(mu *sync.Mutex) {
	started.Done()
	mu.Lock()
}

func waitRLock(mu *sync.RWMutex) {
	started.Done()
	mu.RLock()
}

func waitSleep() {
	started.Done()
	time.Sleep(time.Hour)
}

func waitConnRead(conn net.Conn) {
	started.Done()
	buf := make([]byte, 16)
	_, _ = conn.Read(buf)
}

func waitCond(mu *sync.Mutex, c *sync.Cond) {
	mu.Lock()
	started.Done()
	c.Wait()
}

func waitWaitGroup(wg *sync.WaitGroup) {
	started.Done()
	wg.Wait()
}

// waitLockedThread wires its goroutine to an OS thread, then blocks.
func waitLockedThread(ch <-chan int) {
	runtime.LockOSThread()
	started.Done()
	<-ch
}

// recurse blocks at depth n, so its stack is long enough for the runtime to
// elide the middle frames.
func recurse(n int, ch <-chan int) int {
	if n == 0 {
		started.Done()
		return <-ch
	}
	return recurse(n-1, ch) + 1
}

// query is the classic leak: it gives up waiting for the answer, and the
// goroutine computing it blocks forever sending to a channel nobody reads.
func query(timeout time.Duration) {
	answer := make(chan int)
	go func() {
		time.Sleep(2 * timeout)
		answer <- 42
	}()
	select {
	case <-answer:
	case <-time.After(timeout):
	}
}

// handle is a well-behaved request: its goroutine finishes.
func handle(d time.Duration, done chan<- struct{}) {
	time.Sleep(d)
	done <- struct{}{}
}

// parkAll starts every kind of parked goroutine and returns once all are parked.
func parkAll() {
	never := make(chan int)
	nobodyReads := make(chan int)
	neverStr := make(chan string)
	var locked sync.Mutex
	locked.Lock()
	var rw sync.RWMutex
	rw.Lock()
	var condMu sync.Mutex
	cond := sync.NewCond(&condMu)
	var pending sync.WaitGroup
	pending.Add(1)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	accepted := make(chan net.Conn, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			log.Fatal(err)
		}
		accepted <- c
	}()
	client, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		log.Fatal(err)
	}
	server := <-accepted

	for i := 0; i < 3; i++ {
		park(func() { waitReceive(never) }, "role", "consumer", "shard", fmt.Sprint(i))
	}
	for i := 0; i < 2; i++ {
		park(func() { waitSend(nobodyReads) }, "role", "producer")
	}
	park(func() { waitSelect(never, neverStr) })
	park(func() { waitSelect(never, neverStr) })
	park(waitNilChan)
	park(waitSelectNoCases)
	for i := 0; i < 4; i++ {
		park(func() { waitMutex(&locked) })
	}
	park(func() { waitRLock(&rw) })
	park(func() { waitRLock(&rw) })
	park(waitSleep, "role", "sleeper")
	park(waitSleep)
	park(func() { waitConnRead(server) }, "role", "server")
	park(func() { waitConnRead(client) })
	park(func() { waitCond(&condMu, cond) })
	park(func() { waitCond(&condMu, cond) })
	park(func() { waitWaitGroup(&pending) })
	park(func() { waitLockedThread(never) }, "role", "pinned")
	park(func() { recurse(120, never) })

	started.Wait()
	// Let every goroutine reach its parking point.
	time.Sleep(200 * time.Millisecond)
}

// churn starts the leaking queries and the well-behaved requests.
func churn(leakEvery, handleEvery time.Duration) {
	go func() {
		for {
			query(10 * time.Millisecond)
			time.Sleep(leakEvery)
		}
	}()
	go func() {
		done := make(chan struct{}, 16)
		for {
			go handle(3*handleEvery, done)
			time.Sleep(handleEvery)
			select {
			case <-done:
			default:
			}
		}
	}()
}

func write(name string, debug int) {
	var buf bytes.Buffer
	if err := pprof.Lookup("goroutine").WriteTo(&buf, debug); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(*outDir, name), buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
}

func snapshot(n int) {
	write(fmt.Sprintf("dumps.%d.debug1.txt", n), 1)
	write(fmt.Sprintf("dumps.%d.debug2.txt", n), 2)
	write(fmt.Sprintf("dumps.%d.pb.gz", n), 0)
}

// child runs this program in another mode and writes its stderr to name.
func child(name, childMode string, env ...string) {
	exe, err := os.Executable()
	if err != nil {
		log.Fatal(err)
	}
	cmd := exec.Command(exe, "-mode", childMode)
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		log.Fatalf("%s: expected the child to crash, got %v", childMode, err)
	}
	if err := os.WriteFile(filepath.Join(*outDir, name), stderr.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
}

func main() {
	flag.Parse()
	switch *mode {
	case "panic":
		parkAll()
		var m map[string]int
		m["boom"]++ // panics: assignment to entry in nil map
	case "sigquit":
		parkAll()
		if err := syscall.Kill(os.Getpid(), syscall.SIGQUIT); err != nil {
			log.Fatal(err)
		}
		time.Sleep(10 * time.Second)
		log.Fatal("SIGQUIT did not stop the program")
	case "serve":
		parkAll()
		churn(200*time.Millisecond, 50*time.Millisecond)
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("listening on %s\n", ln.Addr())
		go func() { log.Fatal(http.Serve(ln, nil)) }()
		_, _ = os.Stdin.Read(make([]byte, 1)) // until the parent closes stdin
	case "snapshot":
		if err := os.MkdirAll(*outDir, 0o755); err != nil {
			log.Fatal(err)
		}
		parkAll()
		churn(*interval/40, 200*time.Millisecond)
		// The runtime learns how long a goroutine has waited only when a
		// collection sees it parked (mgcmark.go sets gp.waitsince).
		go func() {
			for {
				runtime.GC()
				time.Sleep(2 * time.Second)
			}
		}()
		time.Sleep(*interval / 20)
		snapshot(1)
		time.Sleep(*interval)
		snapshot(2)
		// GODEBUG settings of the runtime are re-read when GODEBUG changes.
		if err := os.Setenv("GODEBUG", "tracebacklabels=1"); err != nil {
			log.Fatal(err)
		}
		write("dumps.2.labels.debug2.txt", 2)
		child("panic.txt", "panic")
		child("panic-all.txt", "panic", "GOTRACEBACK=all")
		child("sigquit.txt", "sigquit", "GOTRACEBACK=all")
		child("sigquit-system.txt", "sigquit", "GOTRACEBACK=system")
		fmt.Fprintln(os.Stderr, "wrote goroutine dumps to", *outDir)
	default:
		log.Fatalf("unknown -mode %q", *mode)
	}
}
