// goroutine-leak: GET /work asks two replicas for an answer and takes the
// first. The replies travel over an unbuffered channel, so the slower
// replica's goroutine blocks on its send for ever: one leaked goroutine
// per request. -fixed gives the channel room for both replies.
package main

import (
	"fmt"
	"math/rand"
	"net/http"
	"time"

	"gotune.dev/examples/internal/svc"
)

func replica(id int) int {
	time.Sleep(time.Duration(100+rand.Intn(400)) * time.Microsecond)
	return id
}

func main() {
	svc.Main(svc.Service{
		Name:   "goroutine-leak",
		Target: "/work",
		Setup: func(mux *http.ServeMux, fixed bool) {
			mux.HandleFunc("/work", func(w http.ResponseWriter, r *http.Request) {
				var replies chan int
				if fixed {
					replies = make(chan int, 2)
				} else {
					replies = make(chan int)
				}
				for id := 1; id <= 2; id++ {
					go func(id int) { replies <- replica(id) }(id)
				}
				fmt.Fprintf(w, "replica %d answered first\n", <-replies)
			})
		},
	})
}
