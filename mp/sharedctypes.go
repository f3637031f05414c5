package mp

import (
	"reflect"
	"strconv"
	"strings"

	"github.com/pyconc/pyconc/internal/pyrepr"
)

// Number is the set of element types of a [Value] or an [Array]: Python's
// ctypes typecodes, each a Go type.
//
//   - 'c' (c_char): byte, or [Char] to print as c_char
//   - 'u' (c_wchar): rune, or [WChar] to print as c_wchar
//   - 'b' (c_byte): int8; 'B' (c_ubyte): uint8
//   - 'h' (c_short): int16; 'H' (c_ushort): uint16
//   - 'i' (c_int): int32; 'I' (c_uint): uint32
//   - 'l' (c_long): int64; 'L' (c_ulong): uint64 (on 64-bit Linux)
//   - 'q' (c_longlong): int64; 'Q' (c_ulonglong): uint64
//   - 'f' (c_float): float32; 'd' (c_double): float64
//
// Go's int and uint are 'l' and 'L' on a 64-bit platform. Types with these
// underlying types are accepted too.
//
// What Python checks when the program runs, Go checks when it compiles: an
// unknown typecode or a value of the wrong type (SV-03) does not compile,
// and an integer too large for its type (Value('h', 2**20), which ctypes
// wraps to 0, SV-04) is a constant overflow error, or wraps in a
// conversion exactly as ctypes wraps. A ctypes Structure has no
// counterpart: share a struct under a [Lock] instead.
//
// Python: the typecode_or_type argument of multiprocessing.Value.
type Number interface {
	~int8 | ~uint8 | ~int16 | ~uint16 | ~int32 | ~uint32 | ~int64 | ~uint64 |
		~int | ~uint | ~float32 | ~float64
}

// Char is typecode 'c', a byte that prints as Python's c_char(b'x').
//
// Python: ctypes.c_char.
type Char byte

// WChar is typecode 'u', a rune that prints as Python's c_wchar('x').
//
// Python: ctypes.c_wchar.
type WChar rune

// ctypeName returns the ctypes name of T: "c_double".
func ctypeName[T Number]() string {
	var v T
	switch any(v).(type) {
	case Char:
		return "c_char"
	case WChar:
		return "c_wchar"
	}
	switch kindOf(v) {
	case 'b':
		return "c_byte"
	case 'B':
		return "c_ubyte"
	case 'h':
		return "c_short"
	case 'H':
		return "c_ushort"
	case 'i':
		return "c_int"
	case 'I':
		return "c_uint"
	case 'l':
		return "c_long"
	case 'L':
		return "c_ulong"
	case 'f':
		return "c_float"
	}
	return "c_double"
}

// kindOf returns the typecode of T's underlying type, 'l' and 'L' for the
// 64-bit integers.
func kindOf[T Number](T) byte {
	t := reflect.TypeFor[T]()
	switch k := t.Kind(); {
	case k == reflect.Int && t.Size() == 4:
		return 'i'
	case k == reflect.Uint && t.Size() == 4:
		return 'I'
	}
	switch t.Kind() {
	case reflect.Int8:
		return 'b'
	case reflect.Uint8:
		return 'B'
	case reflect.Int16:
		return 'h'
	case reflect.Uint16:
		return 'H'
	case reflect.Int32:
		return 'i'
	case reflect.Uint32:
		return 'I'
	case reflect.Int64, reflect.Int:
		return 'l'
	case reflect.Uint64, reflect.Uint:
		return 'L'
	case reflect.Float32:
		return 'f'
	}
	return 'd'
}

// reprOf formats v as Python's repr of its ctypes value: 5, 0.0, b'x', 'x'.
func reprOf[T Number](v T) string {
	switch x := any(v).(type) {
	case Char:
		return pyBytes([]byte{byte(x)})
	case WChar:
		return "'" + string(rune(x)) + "'"
	}
	switch kindOf(v) {
	case 'f', 'd':
		return pyrepr.Float(float64(v))
	case 'B', 'H', 'I', 'L':
		return strconv.FormatUint(uint64(v), 10)
	}
	return strconv.FormatInt(int64(v), 10)
}

// pyBytes formats b as Python's repr(bytes) does: b'ab\x00'.
func pyBytes(b []byte) string {
	var s strings.Builder
	quote := byte('\'')
	if strings.IndexByte(string(b), '\'') >= 0 && strings.IndexByte(string(b), '"') < 0 {
		quote = '"'
	}
	s.WriteString("b")
	s.WriteByte(quote)
	for _, c := range b {
		switch {
		case c == quote || c == '\\':
			s.WriteByte('\\')
			s.WriteByte(c)
		case c == '\t':
			s.WriteString(`\t`)
		case c == '\n':
			s.WriteString(`\n`)
		case c == '\r':
			s.WriteString(`\r`)
		case c < 0x20 || c >= 0x7f:
			s.WriteString(`\x`)
			s.WriteString(strconv.FormatUint(uint64(c)|0x100, 16)[1:])
		default:
			s.WriteByte(c)
		}
	}
	s.WriteByte(quote)
	return s.String()
}
