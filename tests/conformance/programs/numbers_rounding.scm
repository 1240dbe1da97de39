;;; Checks round (to even), floor, ceiling and truncate on exact integers,
;;; exact rationals and floats, plus min/max exactness contagion and
;;; conversions with inexact->exact and exact->inexact.

(define values-to-round '(2.5 3.5 -2.5 -3.5 2.4 2.6 -0.5 0.5 7/2 5/2 -7/2 1/3))
(for-each
 (lambda (x)
   (write (list x (round x) (floor x) (ceiling x) (truncate x)))
   (newline))
 values-to-round)

(write (list (round 7) (floor -7) (ceiling 7) (truncate -7))) (newline)
(write (list (max 1 2.0) (min 1 2.0) (max 3 1/2) (min 1/2 1/3))) (newline)
(write (list (max 1 2 3) (min 4 -1 2))) (newline)
(write (inexact->exact (round 2.6))) (newline)
(write (inexact->exact (floor 2.6))) (newline)
(write (exact->inexact 7)) (newline)
(write (inexact->exact 0.1)) (newline)
(write (rationalize (inexact->exact 0.3) 1/10)) (newline)
(write (round 1/2)) (newline)
(write (round 3/2)) (newline)
(write (inexact->exact (floor 3.7))) (newline)
(write (exact->inexact 1/8)) (newline)
