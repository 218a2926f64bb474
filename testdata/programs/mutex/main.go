// Command mutex records mutex.pb.gz: goroutines contending a global sync.Mutex
// with a large critical section and a sync.RWMutex, with SetMutexProfileFraction(1).
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

var (
	// bigLock guards counters and is held for a long time by updateCounters.
	bigLock  sync.Mutex
	counters = map[int]int{}

	// tableLock guards table: many readers, an occasional writer.
	tableLock sync.RWMutex
	table     = make([]int, 1024)
)

// updateCounters holds bigLock across a large critical section.
func updateCounters(id int) {
	bigLock.Lock()
	for i := 0; i < 20000; i++ {
		counters[(id*31+i)%512] += i
	}
	bigLock.Unlock()
}

// quickIncrement takes bigLock for a tiny critical section.
func quickIncrement(id int) {
	bigLock.Lock()
	counters[id]++
	bigLock.Unlock()
}

// readTable takes the read lock and scans the table.
func readTable() int {
	tableLock.RLock()
	defer tableLock.RUnlock()
	sum := 0
	for _, v := range table {
		sum += v
	}
	return sum
}

// writeTable takes the write lock and rewrites the table slowly.
func writeTable(round int) {
	tableLock.Lock()
	for i := range table {
		table[i] = (table[i] + round*i) % 1000
	}
	time.Sleep(200 * time.Microsecond)
	tableLock.Unlock()
}

func heavyWorker(id int, done <-chan struct{}) {
	for {
		select {
		case <-done:
			return
		default:
			updateCounters(id)
		}
	}
}

func lightWorker(id int, done <-chan struct{}) {
	for {
		select {
		case <-done:
			return
		default:
			quickIncrement(id)
			runtime.Gosched()
		}
	}
}

func reader(done <-chan struct{}) {
	for {
		select {
		case <-done:
			return
		default:
			readTable()
		}
	}
}

func writer(done <-chan struct{}) {
	for i := 0; ; i++ {
		select {
		case <-done:
			return
		default:
			writeTable(i)
			time.Sleep(time.Millisecond)
		}
	}
}

func main() {
	flag.Parse()
	runtime.SetMutexProfileFraction(1)
	if err := os.MkdirAll(*outDir, 0o755); err != nil {
		log.Fatal(err)
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	start := func(f func()) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f()
		}()
	}
	for id := 0; id < 3; id++ {
		start(func() { heavyWorker(id, done) })
	}
	for id := 3; id < 5; id++ {
		start(func() { lightWorker(id, done) })
	}
	for i := 0; i < 3; i++ {
		start(func() { reader(done) })
	}
	start(func() { writer(done) })

	time.Sleep(*duration)
	close(done)
	wg.Wait()

	f, err := os.Create(filepath.Join(*outDir, "mutex.pb.gz"))
	if err != nil {
		log.Fatal(err)
	}
	if err := pprof.Lookup("mutex").WriteTo(f, 0); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	fmt.Fprintln(os.Stderr, "wrote", f.Name())
}
