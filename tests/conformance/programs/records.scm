;;; Checks SRFI-9 define-record-type: constructor with a subset of fields,
;;; predicates, accessors, modifiers, and that records are distinct from
;;; other types.  Records themselves are never printed.

(use-modules (srfi srfi-9))

(define-record-type <point>
  (make-point x y)
  point?
  (x point-x set-point-x!)
  (y point-y))

(define-record-type <account>
  (make-account name)
  account?
  (name account-name)
  (balance account-balance set-account-balance!))

(define p (make-point 3 4))
(write (list (point? p) (point-x p) (point-y p))) (newline)
(set-point-x! p 10)
(write (point-x p)) (newline)
(write (map point? (list p 5 '(3 4) (vector 3 4)))) (newline)

(define acc (make-account "alice"))
(set-account-balance! acc 100)
(write (list (account-name acc) (account-balance acc))) (newline)
(write (list (account? p) (point? acc))) (newline)

(define (distance a b)
  (let ((dx (- (point-x a) (point-x b)))
        (dy (- (point-y a) (point-y b))))
    (sqrt (+ (* dx dx) (* dy dy)))))
(write (distance (make-point 0 0) (make-point 3 4))) (newline)

(define points (map make-point '(1 2 3) '(4 5 6)))
(write (map point-y points)) (newline)
(write (eq? p p)) (newline)
(write (equal? (make-point 1 2) (make-point 1 2))) (newline)
