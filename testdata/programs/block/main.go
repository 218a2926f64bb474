// Command block records block.pb.gz: goroutines blocking on unbuffered channel
// sends and receives, select, sync.WaitGroup and sync.Cond, with SetBlockProfileRate(1).
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

var (
	outDir   = flag.String("out", ".", "directory to write the profile into")
	duration = flag.Duration("dur", 1500*time.Millisecond, "how long the workload runs")
)

// producer sends on an unbuffered channel; it blocks until the slow consumer is ready.
func producer(ch chan<- int, done <-chan struct{}) {
	for i := 0; ; i++ {
		select {
		case ch <- i:
		case <-done:
			return
		}
	}
}

// slowConsumer receives, then works for a while before receiving again.
func slowConsumer(ch <-chan int, done <-chan struct{}) {
	for {
		select {
		case <-ch:
			spin(200 * time.Microsecond)
		case <-done:
			return
		}
	}
}

// plainSender blocks in a plain channel send (no select).
func plainSender(ch chan<- string, n int) {
	for i := 0; i < n; i++ {
		ch <- "msg"
	}
	close(ch)
}

// plainReceiver blocks in a plain channel receive (no select).
func plainReceiver(ch <-chan string) int {
	n := 0
	for range ch {
		n++
		time.Sleep(time.Millisecond)
	}
	return n
}

// waitForBatch blocks in sync.WaitGroup.Wait until a batch of sleepers finish.
func waitForBatch(size int, d time.Duration) {
	var wg sync.WaitGroup
	for i := 0; i < size; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(d * time.Duration(i+1))
		}()
	}
	wg.Wait()
}

// ticker waits in a select on a timer and a quit channel.
func ticker(done <-chan struct{}) int {
	n := 0
	t := time.NewTicker(5 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			n++
		case <-done:
			return n
		}
	}
}

// condWaiter blocks in sync.Cond.Wait until signalled.
func condWaiter(mu *sync.Mutex, c *sync.Cond, ready *int, done <-chan struct{}) {
	for {
		mu.Lock()
		for *ready == 0 {
			c.Wait()
		}
		*ready--
		mu.Unlock()
		select {
		case <-done:
			return
		default:
		}
	}
}

func spin(d time.Duration) {
	end := time.Now().Add(d)
	for time.Now().Before(end) {
	}
}

func main() {
	flag.Parse()
	runtime.SetBlockProfileRate(1)
	if err := os.MkdirAll(*outDir, 0o755); err != nil {
		log.Fatal(err)
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	run := func(f func()) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f()
		}()
	}

	ch := make(chan int)
	run(func() { producer(ch, done) })
	run(func() { producer(ch, done) })
	run(func() { slowConsumer(ch, done) })

	msgs := make(chan string)
	run(func() { plainSender(msgs, 300) })
	run(func() { plainReceiver(msgs) })

	run(func() {
		for {
			select {
			case <-done:
				return
			default:
				waitForBatch(4, 3*time.Millisecond)
			}
		}
	})
	run(func() { ticker(done) })

	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	ready := 0
	run(func() { condWaiter(&mu, cond, &ready, done) })
	run(func() {
		for {
			select {
			case <-done:
				mu.Lock()
				ready += 1000
				mu.Unlock()
				cond.Broadcast()
				return
			case <-time.After(2 * time.Millisecond):
				mu.Lock()
				ready++
				mu.Unlock()
				cond.Signal()
			}
		}
	})

	time.Sleep(*duration)
	close(done)
	wg.Wait()

	f, err := os.Create(filepath.Join(*outDir, "block.pb.gz"))
	if err != nil {
		log.Fatal(err)
	}
	if err := pprof.Lookup("block").WriteTo(f, 0); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	fmt.Fprintln(os.Stderr, "wrote", f.Name())
}
