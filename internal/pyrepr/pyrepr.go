// Package pyrepr formats Go values as Python's repr() prints them, for the
// example programs and the String methods that must print what Python
// prints: 2.0 and 1e-05 for floats, None, True, quoted strings, and lists.
package pyrepr

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
)

// Float formats f as Python's repr(float) does: the shortest string that
// reads back as f, with ".0" on whole numbers, exponent form below 1e-4
// and from 1e16 on, and inf, -inf and nan.
func Float(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	if a := math.Abs(f); a != 0 && (a < 1e-4 || a >= 1e16) {
		return strconv.FormatFloat(f, 'e', -1, 64)
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s
}

// strEscaper escapes what Python's repr of a str escapes in the common
// case: the backslash and the usual control characters.
var strEscaper = strings.NewReplacer(`\`, `\\`, "\n", `\n`, "\t", `\t`, "\r", `\r`)

// Str quotes s as Python's repr(str) does: single quotes, unless s holds a
// single quote and no double one, with backslashes, newlines, tabs and
// carriage returns escaped.
func Str(s string) string {
	s = strEscaper.Replace(s)
	if strings.Contains(s, "'") && !strings.Contains(s, `"`) {
		return `"` + s + `"`
	}
	return "'" + strings.ReplaceAll(s, "'", `\'`) + "'"
}

// Repr formats v as Python's repr formats the value it stands for: nil as
// None, a bool as True or False, integers in decimal, floats by [Float],
// strings by [Str], and slices as lists of their elements' reprs. Other
// values are formatted by fmt's %v.
func Repr(v any) string {
	switch x := v.(type) {
	case nil:
		return "None"
	case bool:
		if x {
			return "True"
		}
		return "False"
	case string:
		return Str(x)
	case float64:
		return Float(x)
	case float32:
		return Float(float64(x))
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(rv.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(rv.Uint(), 10)
	case reflect.Slice, reflect.Array:
		parts := make([]string, rv.Len())
		for i := range parts {
			parts[i] = Repr(rv.Index(i).Interface())
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return fmt.Sprintf("%v", v)
}
