// diagnose-mix: bottlenecks combined in one process, for the diagnose
// evaluation (scripts/regen-diagnose.ts). It runs one scenario for a short
// window and writes that window's profiles into -out, as `gotune measure`
// captures them: a CPU profile over the window, heap and goroutine
// snapshots at its start and end, and block and mutex profiles as deltas
// over the window (end minus start, with the window as their duration).
//
//	hog-behind-lock  CPU-heavy hashing done while holding one global mutex
//	leak-with-churn  a goroutine leaked per job, next to heavy short-lived allocation
//	healthy          light hashing, no shared lock, little allocation
package main

import (
	"bytes"
	"crypto/sha256"
	"flag"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"

	"github.com/google/pprof/profile"
)

var (
	mu    sync.Mutex
	total uint64
	sink  []byte
)

// hash does n rounds of SHA-256: the CPU work of every scenario.
func hash(seed byte, n int) byte {
	sum := sha256.Sum256([]byte{seed})
	for i := 0; i < n; i++ {
		sum = sha256.Sum256(sum[:])
	}
	return sum[0]
}

// hogWorker holds the global lock across the whole hash: the bug.
func hogWorker(stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		default:
		}
		mu.Lock()
		total += uint64(hash(byte(total), 2000))
		mu.Unlock()
	}
}

// leakOne starts a goroutine whose reply nobody reads: it blocks for ever.
func leakOne(v int) {
	replies := make(chan int)
	go func() { replies <- v * 2 }()
}

// churn allocates short-lived buffers, keeping the collector busy.
func churn() {
	for i := 0; i < 64; i++ {
		b := make([]byte, 16<<10)
		b[0] = byte(i)
		if i == 63 {
			sink = b
		}
	}
}

func leakWorker(stop <-chan struct{}) {
	for i := 0; ; i++ {
		select {
		case <-stop:
			return
		default:
		}
		churn()
		if i%20 == 0 {
			leakOne(i)
		}
	}
}

func healthyWorker(stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		case <-time.After(2 * time.Millisecond):
		}
		mu.Lock()
		total++
		mu.Unlock()
		hash(1, 200)
	}
}

func snapshot(name string) []byte {
	var b bytes.Buffer
	if err := pprof.Lookup(name).WriteTo(&b, 0); err != nil {
		log.Fatal(err)
	}
	return b.Bytes()
}

// delta writes end minus start as one profile covering the window, as
// /debug/pprof/block?seconds=N does.
func delta(path string, start, end []byte, window time.Duration, at time.Time) {
	p0, err := profile.ParseData(start)
	if err != nil {
		log.Fatal(err)
	}
	p1, err := profile.ParseData(end)
	if err != nil {
		log.Fatal(err)
	}
	p0.Scale(-1)
	d, err := profile.Merge([]*profile.Profile{p1, p0})
	if err != nil {
		log.Fatal(err)
	}
	d.DurationNanos = window.Nanoseconds()
	d.TimeNanos = at.UnixNano()
	write(path, d)
}

func write(path string, p *profile.Profile) {
	f, err := os.Create(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	if err := p.Write(f); err != nil {
		log.Fatal(err)
	}
}

func writeRaw(path string, data []byte) {
	if err := os.WriteFile(path, data, 0o644); err != nil {
		log.Fatal(err)
	}
}

func main() {
	scenario := flag.String("scenario", "healthy", "hog-behind-lock, leak-with-churn or healthy")
	out := flag.String("out", ".", "directory for the profiles")
	window := flag.Duration("window", 3*time.Second, "the profiled window")
	flag.Parse()
	runtime.SetBlockProfileRate(1000)
	runtime.SetMutexProfileFraction(1)

	worker := map[string]func(<-chan struct{}){"hog-behind-lock": hogWorker, "leak-with-churn": leakWorker, "healthy": healthyWorker}[*scenario]
	if worker == nil {
		log.Fatalf("unknown scenario %q", *scenario)
	}
	stop := make(chan struct{})
	for i := 0; i < 4; i++ {
		go worker(stop)
	}
	time.Sleep(time.Second) // warm up

	snap := func(tag string) (block, mutex []byte) {
		runtime.GC()
		writeRaw(filepath.Join(*out, "heap."+tag+".pb.gz"), snapshot("heap"))
		writeRaw(filepath.Join(*out, "goroutine."+tag+".pb.gz"), snapshot("goroutine"))
		return snapshot("block"), snapshot("mutex")
	}
	b0, m0 := snap("start")
	cpu, err := os.Create(filepath.Join(*out, "cpu.pb.gz"))
	if err != nil {
		log.Fatal(err)
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		log.Fatal(err)
	}
	time.Sleep(*window)
	pprof.StopCPUProfile()
	cpu.Close()
	b1, m1 := snap("end")
	now := time.Now()
	delta(filepath.Join(*out, "block.pb.gz"), b0, b1, *window, now)
	delta(filepath.Join(*out, "mutex.pb.gz"), m0, m1, *window, now)
	close(stop)
}
