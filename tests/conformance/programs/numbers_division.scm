;;; Checks integer division with negative operands: quotient, remainder,
;;; modulo, floor/ and truncate/ (and their quotient/remainder halves),
;;; euclidean/, gcd and lcm.

(define pairs '((17 5) (-17 5) (17 -5) (-17 -5) (0 3) (6 3)))

(for-each
 (lambda (p)
   (let ((a (car p)) (b (cadr p)))
     (write (list a b
                  (quotient a b) (remainder a b) (modulo a b)
                  (floor-quotient a b) (floor-remainder a b)
                  (truncate-quotient a b) (truncate-remainder a b)))
     (newline)))
 pairs)

(call-with-values (lambda () (floor/ -7 2))
  (lambda (q r) (write (list 'floor/ q r)) (newline)))
(call-with-values (lambda () (truncate/ -7 2))
  (lambda (q r) (write (list 'truncate/ q r)) (newline)))
(call-with-values (lambda () (euclidean/ -7 -2))
  (lambda (q r) (write (list 'euclidean/ q r)) (newline)))

(write (list (gcd 12 18) (gcd -12 18) (gcd) (gcd 0 5) (lcm 4 6) (lcm -4 6)
             (lcm)))
(newline)
(write (list (quotient (expt 10 30) 7) (remainder (expt 10 30) 7)
             (modulo (- (expt 10 30)) 7)))
(newline)
(write (list (modulo 13.0 4) (remainder -13.0 4) (quotient 13.0 4)))
(newline)
(write (exact->inexact (/ 22 7))) (newline)
