// Command goroutine records goroutine.pb.gz plus the debug=1 and debug=2 text
// dumps, taken while goroutines are parked in many different ways, some labelled.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sync"
	"time"
)

var outDir = flag.String("out", ".", "directory to write the profiles into")

// started counts goroutines that are about to park.
var started sync.WaitGroup

// Each function below parks its goroutine in a different way until the program exits.

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

func waitMutex(mu *sync.Mutex) {
	started.Done()
	mu.Lock()
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

// labelled runs f in a new goroutine that carries the given pprof labels.
func labelled(f func(), kv ...string) {
	started.Add(1)
	pprof.Do(context.Background(), pprof.Labels(kv...), func(context.Context) {
		go f()
	})
}

func plain(f func()) {
	started.Add(1)
	go f()
}

func write(name string, debug int) {
	f, err := os.Create(filepath.Join(*outDir, name))
	if err != nil {
		log.Fatal(err)
	}
	if err := pprof.Lookup("goroutine").WriteTo(f, debug); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

func main() {
	flag.Parse()
	if err := os.MkdirAll(*outDir, 0o755); err != nil {
		log.Fatal(err)
	}

	// Separate channels, so that no sender ever meets a receiver.
	never := make(chan int)
	nobodyReads := make(chan int)
	neverStr := make(chan string)
	var locked sync.Mutex
	locked.Lock()
	var condMu sync.Mutex
	cond := sync.NewCond(&condMu)
	var pending sync.WaitGroup
	pending.Add(1)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	defer ln.Close()
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
	defer client.Close()
	server := <-accepted

	for i := 0; i < 3; i++ {
		labelled(func() { waitReceive(never) }, "role", "consumer", "shard", fmt.Sprint(i))
	}
	for i := 0; i < 2; i++ {
		labelled(func() { waitSend(nobodyReads) }, "role", "producer")
	}
	plain(func() { waitSelect(never, neverStr) })
	plain(func() { waitSelect(never, neverStr) })
	for i := 0; i < 4; i++ {
		plain(func() { waitMutex(&locked) })
	}
	labelled(waitSleep, "role", "sleeper")
	plain(waitSleep)
	labelled(func() { waitConnRead(server) }, "role", "server")
	plain(func() { waitConnRead(client) })
	for i := 0; i < 2; i++ {
		plain(func() { waitCond(&condMu, cond) })
	}
	plain(func() { waitWaitGroup(&pending) })

	started.Wait()
	// Let every goroutine reach its parking point.
	time.Sleep(200 * time.Millisecond)

	write("goroutine.pb.gz", 0)
	write("goroutine.debug1.txt", 1)
	write("goroutine.debug2.txt", 2)
	fmt.Fprintln(os.Stderr, "wrote goroutine profiles to", *outDir)
}
