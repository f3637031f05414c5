package pyrepr_test

import (
	"math"
	"testing"

	"github.com/pyconc/pyconc/internal/pyrepr"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// Each want is what CPython 3.11 prints for repr() of the same value.
func TestFloat(t *testing.T) {
	for _, tc := range []struct {
		x    float64
		want string
	}{
		{0, "0.0"}, {1, "1.0"}, {-2, "-2.0"}, {0.1, "0.1"}, {1.0 / 3, "0.3333333333333333"},
		{3.1415927, "3.1415927"}, {1.2345, "1.2345"}, {0.0001, "0.0001"}, {0.00001, "1e-05"},
		{1e15, "1000000000000000.0"}, {1e16, "1e+16"}, {123456789.5, "123456789.5"},
		{0.6171278953552246, "0.6171278953552246"}, {1.5e-5, "1.5e-05"}, {-1.5e-7, "-1.5e-07"},
		{0.30000000000000004, "0.30000000000000004"}, {123456789012345.6, "123456789012345.6"},
		{math.MaxFloat64, "1.7976931348623157e+308"}, {math.Inf(1), "inf"}, {math.Inf(-1), "-inf"}, {math.NaN(), "nan"},
	} {
		if got := pyrepr.Float(tc.x); got != tc.want {
			t.Errorf("Float(%v) = %q; want %q", tc.x, got, tc.want)
		}
	}
}

func TestRepr(t *testing.T) {
	for _, tc := range []struct {
		v    any
		want string
	}{
		{nil, "None"}, {true, "True"}, {false, "False"}, {42, "42"}, {int8(-3), "-3"},
		{uint64(7), "7"}, {2.5, "2.5"}, {float32(0.5), "0.5"},
		{"hello", "'hello'"}, {"it's", `"it's"`}, {`it's "x"`, `'it\'s "x"'`},
		{"a\\b\n", `'a\\b\n'`}, {"", "''"},
		{[]any{42, nil, "hello"}, "[42, None, 'hello']"}, {[]int32{0, -1}, "[0, -1]"},
		{[]any{}, "[]"}, {[]any{[]any{1.0}}, "[[1.0]]"}, {[]any{[]any{1}, "it's"}, `[[1], "it's"]`}, {-7, "-7"},
	} {
		if got := pyrepr.Repr(tc.v); got != tc.want {
			t.Errorf("Repr(%#v) = %s; want %s", tc.v, got, tc.want)
		}
	}
}
