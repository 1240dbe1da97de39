;;; Checks case-lambda dispatch on argument count, including a rest clause.

(define area
  (case-lambda
    ((r) (* 3 r r))
    ((w h) (* w h))
    ((a b . rest) (list 'many a b rest))))

(write (area 2)) (newline)
(write (area 3 4)) (newline)
(write (area 1 2 3 4)) (newline)

(define greet
  (case-lambda
    (() "hello, nobody")
    ((name) (string-append "hello, " name))
    (names (string-append "hello, " (number->string (length names))
                          " people"))))
(display (greet)) (newline)
(display (greet "ann")) (newline)
(display (greet "a" "b" "c")) (newline)

(define (make-acc)
  (let ((total 0))
    (case-lambda
      (() total)
      ((n) (set! total (+ total n)) total))))
(define acc (make-acc))
(acc 5) (acc 7)
(write (acc)) (newline)
