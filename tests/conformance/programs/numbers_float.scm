;;; Checks how inexact numbers print with display and write: integral
;;; floats, small and large magnitudes, exponents, negative zero,
;;; infinities, NaN, and arithmetic mixing exact and inexact numbers.

(for-each (lambda (x) (write x) (newline))
          (list 0.1 1.0 -2.5 100.0 1e21 1e22 123456789.123 1e-7 0.0001
                (/ 1.0 3) (+ 0.1 0.2) (* 1.0 (expt 2 60)) 1.5e300 -0.0
                (/ 1.0 0.0) (/ -1.0 0.0) 3.14159 2e10 12345678901234567890.0
                3e6 1e7 1.2345e7 1.2345e10 0.001 0.00125 1.2e-4))
(display 2.50) (newline)
(display (sqrt 16)) (newline)
(display (sqrt 2)) (newline)
(display (sqrt 16.0)) (newline)
(display (exact->inexact 2/3)) (newline)
(display (+ 1 0.5)) (newline)
(display (* 2 0.5)) (newline)
(display (/ 9 2.0)) (newline)
(display (exp 0)) (newline)
(display (exp 1)) (newline)
(display (expt 2.0 3)) (newline)
(display (expt 2 0.5)) (newline)
(write (nan? (/ 0.0 0.0))) (newline)
(write (list (inf? (/ 1.0 0.0)) (finite? 1.0))) (newline)
(write (exact->inexact 12345678901234567890)) (newline)
(write (string->number "1e3")) (newline)
(write (string->number ".5")) (newline)
(write (* 1.1 1.1)) (newline)
(write (atan 1 1)) (newline)
(write 6.02e23) (newline)
