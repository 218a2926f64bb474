// leaky-cache: memory. GET /work?key=K&kb=N renders an N KiB page and
// caches a summary of it. The cache key mistakenly includes the request's
// arrival time, so every request adds an entry that is never read or
// evicted (the heap grows for ever), and each page is built from many
// small short-lived allocations (the GC runs hot). -fixed keys the cache
// by K alone, bounds it, and renders into a pooled buffer.
package main

import (
	"bytes"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"gotune.dev/examples/internal/svc"
)

const entryBytes = 2 << 10

var (
	mu    sync.Mutex
	cache = map[string][]byte{}
)

// renderSlow builds the page line by line, each line a fresh string and
// the page a byte slice grown by append.
func renderSlow(key string, kb int) []byte {
	var page []byte
	for i := 0; len(page) < kb<<10; i++ {
		line := fmt.Sprintf("%s row %d: %s\n", key, i, strconv.Itoa(i*i))
		page = append(page, []byte(line)...)
	}
	return page
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// renderFast writes the same page into a pooled buffer.
func renderFast(buf *bytes.Buffer, key string, kb int) []byte {
	buf.Reset()
	buf.Grow(kb<<10 + 64)
	var num [20]byte
	for i := 0; buf.Len() < kb<<10; i++ {
		buf.WriteString(key)
		buf.WriteString(" row ")
		buf.Write(strconv.AppendInt(num[:0], int64(i), 10))
		buf.WriteString(": ")
		buf.Write(strconv.AppendInt(num[:0], int64(i*i), 10))
		buf.WriteByte('\n')
	}
	return buf.Bytes()
}

func summary(page []byte) []byte {
	s := make([]byte, entryBytes)
	copy(s, page)
	return s
}

const maxEntries = 1024

func main() {
	svc.Main(svc.Service{
		Name:   "leaky-cache",
		Target: "/work?key=a&kb=64",
		Setup: func(mux *http.ServeMux, fixed bool) {
			mux.HandleFunc("/work", func(w http.ResponseWriter, r *http.Request) {
				key := r.URL.Query().Get("key")
				kb := svc.IntParam(r, "kb", 64, 1, 4096)
				if !fixed {
					page := renderSlow(key, kb)
					ck := fmt.Sprintf("%s/%d/%d", key, kb, time.Now().UnixNano()) // the bug: unique per request
					mu.Lock()
					cache[ck] = summary(page)
					n := len(cache)
					mu.Unlock()
					fmt.Fprintf(w, "%d bytes, %d cached\n", len(page), n)
					return
				}
				ck := key + "/" + strconv.Itoa(kb)
				mu.Lock()
				_, hit := cache[ck]
				n := len(cache)
				mu.Unlock()
				buf := bufPool.Get().(*bytes.Buffer)
				page := renderFast(buf, key, kb)
				size := len(page)
				if !hit {
					s := summary(page)
					mu.Lock()
					if len(cache) >= maxEntries {
						for k := range cache { // evict an arbitrary entry
							delete(cache, k)
							break
						}
					}
					cache[ck] = s
					n = len(cache)
					mu.Unlock()
				}
				bufPool.Put(buf)
				fmt.Fprintf(w, "%d bytes, %d cached\n", size, n)
			})
		},
	})
}
