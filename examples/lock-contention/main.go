// lock-contention: GET /work?iters=N scores the request (N rounds of
// SHA-256) and records the score in a global table. The handler holds one
// global mutex for the whole request, scoring included, so concurrent
// requests queue behind each other. -fixed scores outside the lock and
// holds it only to update the table.
package main

import (
	"crypto/sha256"
	"fmt"
	"net/http"
	"runtime"
	"sync"

	"gotune.dev/examples/internal/svc"
)

var (
	mu     sync.Mutex
	scores = map[string]uint64{}
	total  uint64
)

func score(key string, iters int) uint64 {
	sum := sha256.Sum256([]byte(key))
	for i := 0; i < iters; i++ {
		sum = sha256.Sum256(sum[:])
	}
	return uint64(sum[0])<<8 | uint64(sum[1])
}

func main() {
	// Without these the block and mutex profiles stay empty.
	runtime.SetMutexProfileFraction(1)
	runtime.SetBlockProfileRate(1000)
	svc.Main(svc.Service{
		Name:   "lock-contention",
		Target: "/work?key=a&iters=500",
		Setup: func(mux *http.ServeMux, fixed bool) {
			mux.HandleFunc("/work", func(w http.ResponseWriter, r *http.Request) {
				key := r.URL.Query().Get("key")
				iters := svc.IntParam(r, "iters", 500, 1, 1_000_000)
				var s, t uint64
				if fixed {
					s = score(key, iters)
					mu.Lock()
					scores[key] += s
					total += s
					t = total
					mu.Unlock()
				} else {
					mu.Lock()
					s = score(key, iters)
					scores[key] += s
					total += s
					t = total
					mu.Unlock()
				}
				fmt.Fprintf(w, "score %d total %d\n", s, t)
			})
		},
	})
}
