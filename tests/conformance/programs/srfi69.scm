;;; Checks SRFI-69 hash tables: make-hash-table with equality, set/ref,
;;; ref/default, update!, update!/default, delete!, contains?, keys,
;;; values, ->alist, walk and size (sorted before printing).

(use-modules (srfi srfi-69))

(define h (make-hash-table equal?))
(hash-table-set! h 'a 1)
(hash-table-set! h 'b 2)
(hash-table-set! h "s" 3)

(write (hash-table-ref h 'a)) (newline)
(write (hash-table-ref/default h 'zz 'nope)) (newline)
(write (hash-table-ref h 'zz (lambda () 'thunk-default))) (newline)
(write (hash-table-exists? h 'b)) (newline)
(write (hash-table-size h)) (newline)
(hash-table-update! h 'a (lambda (v) (* v 10)))
(write (hash-table-ref h 'a)) (newline)
(hash-table-update!/default h 'c (lambda (v) (+ v 1)) 100)
(write (hash-table-ref h 'c)) (newline)
(hash-table-delete! h "s")
(write (hash-table-exists? h "s")) (newline)

(define (key->string k) (if (symbol? k) (symbol->string k) k))
(write (sort (hash-table-keys h)
             (lambda (x y) (string<? (key->string x) (key->string y)))))
(newline)
(write (sort (hash-table-values h) <)) (newline)
(write (sort (hash-table->alist h)
             (lambda (x y) (< (cdr x) (cdr y)))))
(newline)
(define total 0)
(hash-table-walk h (lambda (k v) (set! total (+ total v))))
(write total) (newline)
(write (sort (hash-table-fold h (lambda (k v acc) (cons v acc)) '()) <))
(newline)
(define from-alist (alist->hash-table '((x . 1) (y . 2)) eq?))
(write (hash-table-ref/default from-alist 'y 0)) (newline)
(write (hash-table? from-alist)) (newline)
