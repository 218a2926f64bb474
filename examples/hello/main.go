// hello: a trivial endpoint (GET /hello answers "hello") for measuring the
// load generator itself (npm run bench:loadgen). -fixed changes nothing.
package main

import (
	"net/http"

	"gotune.dev/examples/internal/svc"
)

func main() {
	svc.Main(svc.Service{
		Name:   "hello",
		Target: "/hello",
		Setup: func(mux *http.ServeMux, fixed bool) {
			mux.HandleFunc("/hello", func(w http.ResponseWriter, r *http.Request) {
				w.Write([]byte("hello\n"))
			})
		},
	})
}
