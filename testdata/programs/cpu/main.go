// Command cpu records CPU profiles (cpu.pb.gz, or cpu2.pb.gz with -variant) of a
// labelled multi-goroutine workload: parsing, hashing, sorting, maps, recursion.
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

var (
	outDir   = flag.String("out", ".", "directory to write the profile into")
	variant  = flag.Bool("variant", false, "triple the hashing cost, halve the sorting and shrink fib; write cpu2.pb.gz")
	duration = flag.Duration("dur", 4*time.Second, "how long to profile")
)

// sink keeps results alive so the compiler cannot drop the work.
var sink atomic.Uint64

// stop is closed when the workers should finish.
var stop = make(chan struct{})

func stopped() bool {
	select {
	case <-stop:
		return true
	default:
		return false
	}
}

// --- small helpers the compiler inlines (several levels deep) ---

func mixByte(h uint64, b byte) uint64 { return (h ^ uint64(b)) * 1099511628211 }

func mixString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h = mixByte(h, s[i])
	}
	return h
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func digitValue(c byte) int {
	if isDigit(c) {
		return int(c - '0')
	}
	return 0
}

func clampIndex(i, n int) int {
	if i >= n {
		return i % n
	}
	return i
}

// --- worker a: parsing (string building) and hashing ---

// buildRecord builds one text record with strings.Builder and strconv.
func buildRecord(i int) string {
	var b strings.Builder
	b.Grow(64)
	b.WriteString("id=")
	b.WriteString(strconv.Itoa(i))
	b.WriteString(";name=user")
	b.WriteString(strconv.Itoa(i * 7 % 1000))
	b.WriteString(";score=")
	b.WriteString(strconv.FormatFloat(float64(i)*1.25, 'f', 2, 64))
	return b.String()
}

// parseRecord splits a record into fields and sums its digits.
func parseRecord(rec string) int {
	total := 0
	for _, field := range strings.Split(rec, ";") {
		k, v, ok := strings.Cut(field, "=")
		if !ok {
			continue
		}
		total += len(k)
		for j := 0; j < len(v); j++ {
			total += digitValue(v[j])
		}
	}
	return total
}

// tokenize is a hand-written scanner that the profile sees line by line.
func tokenize(rec string) int {
	n := 0
	inTok := false
	for i := 0; i < len(rec); i++ {
		c := rec[i]
		sep := c == ';' || c == '=' || c == '.'
		if !sep && !inTok {
			n++
		}
		inTok = !sep
	}
	return n
}

func toUpperASCII(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}

// normalizeRecord upper-cases and reverses a record into a new byte slice.
func normalizeRecord(rec string) []byte {
	out := make([]byte, len(rec))
	for i := 0; i < len(rec); i++ {
		out[len(rec)-1-i] = toUpperASCII(rec[i])
	}
	return out
}

func parsePhase(rounds int) {
	acc := 0
	for i := 0; i < rounds && !stopped(); i++ {
		for j := 0; j < 200; j++ {
			rec := buildRecord(i*200 + j)
			acc += parseRecord(rec)
			acc += tokenize(rec)
			acc += int(normalizeRecord(rec)[0])
		}
	}
	sink.Add(uint64(acc))
}

// hashBlock hashes a buffer several times with SHA-256.
//
//go:noinline
func hashBlock(buf []byte, times int) [32]byte {
	sum := sha256.Sum256(buf)
	for i := 1; i < times; i++ {
		sum = sha256.Sum256(sum[:])
		sum = sha256.Sum256(append(buf[:0:0], buf[:len(buf)/2]...))
	}
	return sum
}

// fnvStrings hashes strings with the inlined mixString helper.
func fnvStrings(ss []string) uint64 {
	h := uint64(14695981039346656037)
	for _, s := range ss {
		h = mixString(h, s)
	}
	return h
}

func hashPhase(rounds int) {
	buf := make([]byte, 4096)
	for i := range buf {
		buf[i] = byte(i * 31)
	}
	times := 4
	if *variant {
		times = 12
	}
	words := []string{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf"}
	for i := 0; i < rounds && !stopped(); i++ {
		s := hashBlock(buf, times)
		buf[i%len(buf)] ^= s[0]
		var h uint64
		for k := 0; k < 40; k++ {
			h += fnvStrings(words)
		}
		sink.Add(h + uint64(len(hexDigest(s))))
	}
}

// hexDigest renders a digest as hexadecimal text.
func hexDigest(sum [32]byte) string {
	return hex.EncodeToString(sum[:])
}

func workerA() {
	for !stopped() {
		pprof.Do(context.Background(), pprof.Labels("worker", "a", "phase", "parse"), func(context.Context) {
			parsePhase(20)
		})
		pprof.Do(context.Background(), pprof.Labels("worker", "a", "phase", "hash"), func(context.Context) {
			hashPhase(200)
		})
	}
}

// --- worker b: sorting and map work ---

type entry struct {
	key   string
	score int
}

type byScore []entry

func (s byScore) Len() int { return len(s) }
func (s byScore) Less(i, j int) bool {
	return s[i].score < s[j].score || (s[i].score == s[j].score && s[i].key < s[j].key)
}
func (s byScore) Swap(i, j int) { s[i], s[j] = s[j], s[i] }

// makeEntries allocates a fresh slice of entries with pseudo-random scores.
func makeEntries(n int, seed uint64) []entry {
	es := make([]entry, n)
	x := seed
	for i := range es {
		x = x*6364136223846793005 + 1442695040888963407
		es[i] = entry{key: "k" + strconv.Itoa(int(x>>40)%5000), score: int(x>>33) % 10000}
	}
	return es
}

func sortEntries(es []entry) {
	sort.Sort(byScore(es))
}

func sortInts(n int, seed uint64) int {
	xs := make([]int, n)
	x := seed
	for i := range xs {
		x = x*2862933555777941757 + 3037000493
		xs[i] = int(x >> 35)
	}
	sort.Ints(xs)
	return xs[n/2]
}

// countKeys builds a word-frequency map.
func countKeys(es []entry) map[string]int {
	m := make(map[string]int)
	for _, e := range es {
		m[e.key]++
	}
	return m
}

// lookupKeys probes the map many times.
func lookupKeys(m map[string]int, es []entry) int {
	hits := 0
	for i := range es {
		if v, ok := m[es[clampIndex(i*7, len(es))].key]; ok {
			hits += v
		}
	}
	return hits
}

func deleteSome(m map[string]int) {
	for k, v := range m {
		if v%2 == 0 {
			delete(m, k)
		}
	}
}

func sortPhase(rounds int) {
	n := 2000
	if *variant {
		n = 1000
	}
	for i := 0; i < rounds && !stopped(); i++ {
		es := makeEntries(n, uint64(i))
		sortEntries(es)
		sink.Add(uint64(es[0].score + sortInts(n, uint64(i))))
	}
}

func mapPhase(rounds int) {
	for i := 0; i < rounds && !stopped(); i++ {
		es := makeEntries(3000, uint64(i)+99)
		m := countKeys(es)
		h := lookupKeys(m, es)
		deleteSome(m)
		sink.Add(uint64(h + len(m)))
	}
}

func workerB() {
	for !stopped() {
		pprof.Do(context.Background(), pprof.Labels("worker", "b", "phase", "sort"), func(context.Context) {
			sortPhase(10)
		})
		pprof.Do(context.Background(), pprof.Labels("worker", "b", "phase", "map"), func(context.Context) {
			mapPhase(10)
		})
	}
}

// --- worker c: recursion ---

// fib is the classic doubly recursive Fibonacci.
func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

type node struct {
	left, right *node
	value       int
}

// buildTree makes a complete binary tree of the given depth.
func buildTree(depth, v int) *node {
	if depth == 0 {
		return nil
	}
	return &node{left: buildTree(depth-1, 2*v), right: buildTree(depth-1, 2*v+1), value: v}
}

// walkTree sums the tree recursively.
func walkTree(n *node) int {
	if n == nil {
		return 0
	}
	return n.value%7 + walkTree(n.left) + walkTree(n.right)
}

// isEven and isOdd are mutually recursive.
func isEven(n int) bool {
	if n == 0 {
		return true
	}
	return isOdd(n - 1)
}

func isOdd(n int) bool {
	if n == 0 {
		return false
	}
	return isEven(n - 1)
}

func recursePhase(rounds int) {
	for i := 0; i < rounds && !stopped(); i++ {
		depth := 24
		if *variant {
			depth = 22
		}
		r := fib(depth)
		t := buildTree(12, 1)
		r += walkTree(t)
		if isEven(5000 + i) {
			r++
		}
		sink.Add(uint64(r))
	}
}

func workerC() {
	for !stopped() {
		pprof.Do(context.Background(), pprof.Labels("worker", "c", "phase", "recurse"), func(context.Context) {
			recursePhase(20)
		})
	}
}

// --- an unlabelled goroutine formatting output ---

func formatLines(n int) int {
	total := 0
	for i := 0; i < n; i++ {
		total += len(fmt.Sprintf("%05d|%-8s|%x", i, "row", i*i))
	}
	return total
}

func reporter() {
	for !stopped() {
		sink.Add(uint64(formatLines(500)))
		time.Sleep(2 * time.Millisecond)
	}
}

func main() {
	flag.Parse()
	// Fewer collections keep the profile about the workload rather than the GC.
	debug.SetGCPercent(800)
	name := "cpu.pb.gz"
	if *variant {
		name = "cpu2.pb.gz"
	}
	if err := os.MkdirAll(*outDir, 0o755); err != nil {
		log.Fatal(err)
	}
	f, err := os.Create(filepath.Join(*outDir, name))
	if err != nil {
		log.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		log.Fatal(err)
	}
	var wg sync.WaitGroup
	for _, w := range []func(){workerA, workerB, workerC, reporter} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w()
		}()
	}
	time.Sleep(*duration)
	close(stop)
	wg.Wait()
	pprof.StopCPUProfile()
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "wrote %s (sink %d)\n", filepath.Join(*outDir, name), sink.Load()%10)
}
