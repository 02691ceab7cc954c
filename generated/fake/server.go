package fake

import (
	"context"
	"log"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Defaults of a [ServerConfig].
const (
	DefaultReadHeaderTimeout = 10 * time.Second
	DefaultReadTimeout       = 30 * time.Second
	DefaultWriteTimeout      = 30 * time.Second
	DefaultIdleTimeout       = 60 * time.Second
	DefaultMaxHeaderBytes    = 64 << 10
	DefaultMaxConns          = 1000
)

// ServerConfig bounds what one client can hold of a [Server]. A zero field
// means its default (the Default constants); a negative one means no bound.
type ServerConfig struct {
	// ReadHeaderTimeout bounds the reading of a request's header, from the
	// connection's first byte or the end of the previous request.
	ReadHeaderTimeout time.Duration
	// ReadTimeout bounds the reading of a whole request, body included.
	ReadTimeout time.Duration
	// WriteTimeout bounds the time from the end of a request's header to
	// the end of its response.
	WriteTimeout time.Duration
	// IdleTimeout bounds how long a kept-alive connection waits for its
	// next request.
	IdleTimeout time.Duration
	// MaxHeaderBytes bounds the size of a request's header.
	MaxHeaderBytes int
	// MaxConns caps the connections open at once, over every listener the
	// Server serves. When a connection arrives at the cap, the Server
	// closes the connection that has waited longest without a request in
	// progress (one that is idle between requests, or has not finished
	// sending a request's header), so that idle or slow connections never
	// lock others out; when every connection is in the middle of a request,
	// it waits for one to end (the timeouts bound how long) before it
	// serves the new one.
	MaxConns int
	// ErrorLog receives the errors of accepting connections and of
	// handlers; nil means the log package's standard logger.
	ErrorLog *log.Logger
	// BaseContext returns the base context of requests on a listener; nil
	// means context.Background.
	BaseContext func(net.Listener) context.Context
}

// orDefault returns v, def when v is zero, or 0 when v is negative.
func orDefault[T time.Duration | int](v, def T) T {
	switch {
	case v == 0:
		return def
	case v < 0:
		return 0
	}
	return v
}

// Server is an HTTP server with the bounds of a [ServerConfig], for the
// handlers of [NewHandlers]; the fakeserver command serves each of them
// with one.
type Server struct {
	srv *http.Server
	lim *connLimiter // nil when there is no cap
}

// NewServer returns a Server that serves h within the bounds of cfg.
func NewServer(h http.Handler, cfg ServerConfig) *Server {
	s := &Server{srv: &http.Server{
		Handler:           h,
		ReadHeaderTimeout: orDefault(cfg.ReadHeaderTimeout, DefaultReadHeaderTimeout),
		ReadTimeout:       orDefault(cfg.ReadTimeout, DefaultReadTimeout),
		WriteTimeout:      orDefault(cfg.WriteTimeout, DefaultWriteTimeout),
		IdleTimeout:       orDefault(cfg.IdleTimeout, DefaultIdleTimeout),
		MaxHeaderBytes:    orDefault(cfg.MaxHeaderBytes, DefaultMaxHeaderBytes),
		ErrorLog:          cfg.ErrorLog,
		BaseContext:       cfg.BaseContext,
	}}
	if s.srv.MaxHeaderBytes == 0 {
		s.srv.MaxHeaderBytes = 1 << 30 // "no bound"; net/http's 0 means 1 MB
	}
	if n := orDefault(cfg.MaxConns, DefaultMaxConns); n > 0 {
		s.lim = newConnLimiter(n)
		s.srv.ConnState = s.lim.connState
	}
	return s
}

// Serve accepts connections on ln and serves them until ln fails or the
// Server is shut down, as [http.Server.Serve] does (it returns
// [http.ErrServerClosed] after Shutdown or Close).
func (s *Server) Serve(ln net.Listener) error {
	if s.lim != nil {
		ln = &limitedListener{Listener: ln, lim: s.lim}
	}
	return s.srv.Serve(ln)
}

// Shutdown stops accepting connections and waits for the requests in
// progress to end, or for ctx to be done, as [http.Server.Shutdown] does.
func (s *Server) Shutdown(ctx context.Context) error {
	err := s.srv.Shutdown(ctx)
	if s.lim != nil {
		s.lim.close()
	}
	return err
}

// Close closes the listeners and every connection at once.
func (s *Server) Close() error {
	err := s.srv.Close()
	if s.lim != nil {
		s.lim.close()
	}
	return err
}

// OpenConns returns the connections open now, or -1 when there is no cap
// (and no count).
func (s *Server) OpenConns() int {
	if s.lim == nil {
		return -1
	}
	s.lim.mu.Lock()
	defer s.lim.mu.Unlock()
	return len(s.lim.conns)
}

// connLimiter caps the open connections of a Server, closing the longest
// idle one to make room.
type connLimiter struct {
	max int

	mu     sync.Mutex
	cond   *sync.Cond                 // signalled when a connection closes or goes idle
	conns  map[*limitedConn]struct{}  // open connections
	idle   map[*limitedConn]time.Time // those without a request in progress, and since when
	closed bool
}

func newConnLimiter(n int) *connLimiter {
	l := &connLimiter{max: n, conns: map[*limitedConn]struct{}{}, idle: map[*limitedConn]time.Time{}}
	l.cond = sync.NewCond(&l.mu)
	return l
}

// admit registers c, closing idle connections or waiting to make room; it
// returns false when the limiter, or c's listener, is closed first.
func (l *connLimiter) admit(c *limitedConn, ln *limitedListener) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for len(l.conns) >= l.max {
		if l.closed || ln.closed.Load() {
			return false
		}
		var victim *limitedConn
		var since time.Time
		for o, t := range l.idle {
			if victim == nil || t.Before(since) {
				victim, since = o, t
			}
		}
		if victim == nil {
			l.cond.Wait()
			continue
		}
		l.forget(victim)
		// Closing a TCP connection does not block; the server's goroutine
		// for it sees the error and ends.
		victim.Conn.Close()
	}
	if l.closed || ln.closed.Load() {
		return false
	}
	l.conns[c] = struct{}{}
	l.idle[c] = time.Now()
	return true
}

// forget removes c from l; l.mu is held.
func (l *connLimiter) forget(c *limitedConn) {
	delete(l.conns, c)
	delete(l.idle, c)
	l.cond.Broadcast()
}

// connState is the http.Server's ConnState hook: it tracks which
// connections have a request in progress.
func (l *connLimiter) connState(nc net.Conn, state http.ConnState) {
	c, ok := nc.(*limitedConn)
	if !ok {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	switch state {
	case http.StateNew, http.StateIdle:
		if _, open := l.conns[c]; open {
			l.idle[c] = time.Now()
			l.cond.Broadcast()
		}
	case http.StateActive:
		delete(l.idle, c)
	case http.StateHijacked, http.StateClosed:
		l.forget(c)
	}
}

// close wakes and refuses the connections waiting for room.
func (l *connLimiter) close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.closed = true
	l.cond.Broadcast()
}

// limitedListener is a listener whose connections a connLimiter counts.
type limitedListener struct {
	net.Listener
	lim    *connLimiter
	closed atomic.Bool
}

// Accept waits for a connection and room for it.
func (ln *limitedListener) Accept() (net.Conn, error) {
	nc, err := ln.Listener.Accept()
	if err != nil {
		return nil, err
	}
	c := &limitedConn{Conn: nc, lim: ln.lim}
	if !ln.lim.admit(c, ln) {
		nc.Close()
		return nil, net.ErrClosed
	}
	return c, nil
}

// Close closes the listener and wakes an Accept waiting for room.
func (ln *limitedListener) Close() error {
	err := ln.Listener.Close()
	ln.closed.Store(true)
	ln.lim.mu.Lock()
	ln.lim.cond.Broadcast()
	ln.lim.mu.Unlock()
	return err
}

// limitedConn is a connection that a connLimiter counts until it is closed.
type limitedConn struct {
	net.Conn
	lim  *connLimiter
	once sync.Once
}

// Close closes the connection and makes room for another.
func (c *limitedConn) Close() error {
	c.once.Do(func() {
		c.lim.mu.Lock()
		c.lim.forget(c)
		c.lim.mu.Unlock()
	})
	return c.Conn.Close()
}

// CloseWrite shuts down the writing side of the connection when it can,
// which net/http uses to close gracefully after an error response.
func (c *limitedConn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}
