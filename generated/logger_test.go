package generated_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/apigen-dev/apigen/generated/chatv2"
)

// failingServer fails FetchUser with an internal error and panics in
// DeleteUser.
type failingServer struct{ chatv2.UnimplementedServer }

func (failingServer) FetchUser(ctx context.Context, svc chatv2.ServiceSID, ref chatv2.UserRef) (*chatv2.User, error) {
	return nil, errors.New("db down")
}

func (failingServer) DeleteUser(ctx context.Context, svc chatv2.ServiceSID, ref chatv2.UserRef) error {
	panic("boom")
}

// TestHandlerLogger: NewHandler(impl, WithLogger(l)) logs the cause of a
// 500 and a panic to l, with the method, path and status, and sends
// neither to the client.
func TestHandlerLogger(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, nil))
	h := chatv2.NewHandler(failingServer{}, chatv2.WithLogger(logger))
	path := "/v2/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users/alice"
	for _, tc := range []struct{ method, key, want string }{
		{http.MethodGet, "error", "db down"},
		{http.MethodDelete, "panic", "boom"},
	} {
		buf.Reset()
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(tc.method, path, nil))
		if w.Code != http.StatusInternalServerError || strings.Contains(w.Body.String(), tc.want) {
			t.Errorf("%s: %d %s, want a 500 without the cause", tc.method, w.Code, w.Body)
		}
		var rec map[string]any
		if err := json.Unmarshal(buf.Bytes(), &rec); err != nil {
			t.Fatalf("%s: the logger got %q: %v", tc.method, buf.String(), err)
		}
		if rec["level"] != "ERROR" || rec[tc.key] != tc.want || rec["method"] != tc.method || rec["path"] != path || rec["status"] != float64(500) {
			t.Errorf("%s: logged %v, want level ERROR, %s %q, method, path and status 500", tc.method, rec, tc.key, tc.want)
		}
	}
}

// TestHandlerLoggerDefault: without WithLogger, the handler logs to slog's
// default logger, as before the option existed.
func TestHandlerLoggerDefault(t *testing.T) {
	var buf bytes.Buffer
	defer slog.SetDefault(slog.Default())
	slog.SetDefault(slog.New(slog.NewTextHandler(&buf, nil)))
	h := chatv2.NewHandler(failingServer{})
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/v2/Services/ISaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Users/alice", nil))
	if !strings.Contains(buf.String(), "db down") || !strings.Contains(buf.String(), "status=500") {
		t.Errorf("default logger got %q", buf.String())
	}
}
