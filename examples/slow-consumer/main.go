// slow-consumer: GET /work hands a job to a background consumer over an
// unbuffered channel and waits for the result. A single consumer does
// every job in turn, so handlers spend their time blocked on the channel
// send. -fixed buffers the channel and runs one consumer per CPU (x4,
// as the jobs also wait).
package main

import (
	"crypto/sha256"
	"fmt"
	"net/http"
	"runtime"
	"time"

	"gotune.dev/examples/internal/svc"
)

type job struct {
	key   string
	reply chan [32]byte
}

func consume(jobs <-chan job) {
	for j := range jobs {
		time.Sleep(200 * time.Microsecond) // a write to a slow sink
		sum := sha256.Sum256([]byte(j.key))
		for i := 0; i < 50; i++ {
			sum = sha256.Sum256(sum[:])
		}
		j.reply <- sum
	}
}

func main() {
	// Without this the block profile stays empty.
	runtime.SetBlockProfileRate(1000)
	runtime.SetMutexProfileFraction(5)
	svc.Main(svc.Service{
		Name:   "slow-consumer",
		Target: "/work?key=a",
		Setup: func(mux *http.ServeMux, fixed bool) {
			var jobs chan job
			if fixed {
				jobs = make(chan job, 256)
				for i := 0; i < runtime.NumCPU()*4; i++ {
					go consume(jobs)
				}
			} else {
				jobs = make(chan job)
				go consume(jobs)
			}
			mux.HandleFunc("/work", func(w http.ResponseWriter, r *http.Request) {
				j := job{key: r.URL.Query().Get("key"), reply: make(chan [32]byte, 1)}
				jobs <- j
				sum := <-j.reply
				fmt.Fprintf(w, "%x\n", sum[:4])
			})
		},
	})
}
