;;; Checks number->string with a radix, string->number with radixes and
;;; prefixes (including strings that are not numbers), and number parsing
;;; of rationals, negative numbers and exponents.

(write (number->string 255)) (newline)
(write (number->string 255 16)) (newline)
(write (number->string 255 2)) (newline)
(write (number->string 255 8)) (newline)
(write (number->string -255 16)) (newline)
(write (number->string 1/3)) (newline)
(write (number->string 1.5)) (newline)
(write (number->string (expt 2 70) 16)) (newline)

(for-each
 (lambda (s) (write (string->number s)) (display " "))
 '("42" "-17" "+5" "1/2" "-3/6" "1.5" "1e2" "#xff" "#b101" "#o17" "#e1.5"
   "#i3/4" "abc" "" "1/0" "12abc" "-" "." "1." ".5e1"))
(newline)
(write (string->number "ff" 16)) (newline)
(write (string->number "777" 8)) (newline)
(write (string->number "1010" 2)) (newline)
(write (string->number "zz" 36)) (newline)
(write (number->string 35 36)) (newline)
(write (exact->inexact (string->number "1/3"))) (newline)
(display (list 1 1.0 -0.5 1/2 #xFF #b-101 #e1e3 #i1/2)) (newline)
