// Command heap records heap1.pb.gz, heap2.pb.gz (two in-use snapshots of a
// growing cache) and allocs.pb.gz, with MemProfileRate=512 and several allocating goroutines.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"time"
)

var outDir = flag.String("out", ".", "directory to write the profiles into")

func init() {
	// Set before anything allocates much, so most allocations are sampled.
	runtime.MemProfileRate = 512
}

// cache is the long-lived data that the in-use profiles show.
var (
	cacheMu sync.Mutex
	cache   = map[string][]byte{}
)

func store(key string, b []byte) {
	cacheMu.Lock()
	cache[key] = b
	cacheMu.Unlock()
}

// The four sizes give the numeric "bytes" label distinct ranges.

func addTiny(i int) { store("tiny:"+strconv.Itoa(i), make([]byte, 64)) }

func addSmall(i int) { store("small:"+strconv.Itoa(i), make([]byte, 1024)) }

func addMedium(i int) { store("medium:"+strconv.Itoa(i), make([]byte, 8*1024)) }

func addLarge(i int) { store("large:"+strconv.Itoa(i), make([]byte, 100*1024)) }

// fillCache grows the cache by n entries of each kind (fewer large ones).
func fillCache(from, n int) {
	for i := from; i < from+n; i++ {
		addTiny(i)
		addSmall(i)
		if i%2 == 0 {
			addMedium(i)
		}
		if i%20 == 0 {
			addLarge(i)
		}
	}
}

// sink keeps some garbage briefly reachable.
var sink []any
var sinkMu sync.Mutex

func keep(v any) {
	sinkMu.Lock()
	if len(sink) > 64 {
		sink = sink[:0]
	}
	sink = append(sink, v)
	sinkMu.Unlock()
}

// churnStrings makes short-lived strings.
func churnStrings(rounds int) {
	for i := 0; i < rounds; i++ {
		parts := make([]string, 0, 8)
		for j := 0; j < 8; j++ {
			parts = append(parts, fmt.Sprintf("field-%d-%d", i, j))
		}
		keep(strings.Join(parts, ","))
	}
}

// churnSlices grows slices by appending, leaving the old backing arrays behind.
func churnSlices(rounds int) {
	for i := 0; i < rounds; i++ {
		var xs []int
		for j := 0; j < 150; j++ {
			xs = append(xs, j*i)
		}
		keep(xs)
	}
}

// churnBuffers writes into bytes.Buffers.
func churnBuffers(rounds int) {
	for i := 0; i < rounds; i++ {
		var buf bytes.Buffer
		for j := 0; j < 40; j++ {
			buf.WriteString("line ")
			buf.WriteString(strconv.Itoa(j))
			buf.WriteByte('\n')
		}
		keep(buf.Bytes())
	}
}

type record struct {
	id    int
	name  string
	attrs map[string]int
}

// churnRecords allocates small structs holding maps.
func churnRecords(rounds int) {
	for i := 0; i < rounds; i++ {
		r := &record{id: i, name: "rec" + strconv.Itoa(i), attrs: map[string]int{"a": i, "b": i * 2}}
		keep(r)
	}
}

// runGarbage runs every garbage maker from its own goroutine.
func runGarbage(rounds int) {
	var wg sync.WaitGroup
	for _, f := range []func(int){churnStrings, churnSlices, churnBuffers, churnRecords} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(rounds)
		}()
	}
	wg.Wait()
}

// grow fills the cache from one goroutine while others make garbage.
func grow(from, n, rounds int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		fillCache(from, n)
	}()
	runGarbage(rounds)
	wg.Wait()
}

func write(name string, fn func(f *os.File) error) {
	f, err := os.Create(filepath.Join(*outDir, name))
	if err != nil {
		log.Fatal(err)
	}
	if err := fn(f); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

func writeHeap(name string) {
	runtime.GC()
	write(name, func(f *os.File) error { return pprof.Lookup("heap").WriteTo(f, 0) })
}

func main() {
	flag.Parse()
	if err := os.MkdirAll(*outDir, 0o755); err != nil {
		log.Fatal(err)
	}
	start := time.Now()
	grow(0, 300, 30000)
	writeHeap("heap1.pb.gz")
	grow(300, 900, 60000)
	writeHeap("heap2.pb.gz")
	write("allocs.pb.gz", func(f *os.File) error { return pprof.Lookup("allocs").WriteTo(f, 0) })
	cacheMu.Lock()
	n := len(cache)
	cacheMu.Unlock()
	fmt.Fprintf(os.Stderr, "heap: %d cache entries, %v\n", n, time.Since(start).Round(time.Millisecond))
}
